#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs npm packages, the WebGPU software driver
# when no adapter is found (root only), then typecheck, lint and vitest. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-fund --no-audit --loglevel=error
bash scripts/ensure-webgpu.sh
npx tsc --noEmit -p .
npx eslint . --max-warnings=0
mkdir -p tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=tmp/vitest-results.json || status=$?
# One plain closing line for CI readers: "N passed, M failed".
node -e "const r=require('./tmp/vitest-results.json'); console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''))" || true
exit $status
