#!/usr/bin/env bash
# Makes sure Dawn (npm `webgpu`) finds an adapter. When none is found and we are root, installs
# Mesa's lavapipe software Vulkan driver from bookworm-backports (Mesa 22 from bookworm is
# rejected by Dawn). Prints what it did; exits non-zero only if it tried and failed.
set -euo pipefail
cd "$(dirname "$0")/.."
# The probe runs under `timeout`: a broken driver must not hang CI.
probe() { timeout 60 node --input-type=module -e "
import { create } from 'webgpu';
const gpu = create([]);
const a = await gpu.requestAdapter();
if (!a) process.exit(1);
console.log('webgpu adapter:', a.info?.vendor || '?', a.info?.architecture || '', a.info?.description || '');
process.exit(0);" 2>/dev/null; }
if probe; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  cat >&2 <<'MSG'
ensure-webgpu: no WebGPU adapter, and not root, so nothing was installed. As root, run:
  mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/debian.sources | head -1 | awk '{print $2}')
  echo "deb $mirror bookworm-backports main" > /etc/apt/sources.list.d/bookworm-backports.list
  apt-get update && apt-get install -y --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1
(WebGPU tests fail in CI without an adapter, and skip outside CI.)
MSG
  exit 0
fi
echo "ensure-webgpu: no adapter found; installing Mesa lavapipe from bookworm-backports" >&2
mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | awk '{print $2}')
mirror=${mirror:-http://deb.debian.org/debian}
echo "deb $mirror bookworm-backports main" > /etc/apt/sources.list.d/bookworm-backports.list
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1 >/dev/null
if probe; then exit 0; fi
echo "ensure-webgpu: installed lavapipe but Dawn still finds no adapter" >&2
exit 1
