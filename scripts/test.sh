#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs npm packages, the WebGPU software driver
# when no adapter is found (root only), then typecheck, lint and vitest. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-fund --no-audit --loglevel=error
bash scripts/ensure-webgpu.sh
npx tsc --noEmit -p .
npx eslint . --max-warnings=0
npx vitest run
