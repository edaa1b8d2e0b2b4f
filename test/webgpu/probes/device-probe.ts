// A child-process probe for device.test.ts: exercises one failure path of the WebGPU device layer
// in a fresh Node process (so a hang or a stuck exit is observable from outside) and prints the
// resulting diagnostics as one JSON line. Usage: node bin/run-ts.mjs <this file> <mode>.
import { acquireDevice } from '../../../targets/webgpu/device.ts';
import { compileKernel, runKernel } from '../../../targets/webgpu/runner.ts';

const mode = process.argv[2] ?? 'idle';
const acquired = await acquireDevice();
if (!acquired.ok) {
  console.log(JSON.stringify({ mode, diagnostics: acquired.diagnostics }));
} else if (mode === 'timeout') {
  // About a minute of work on lavapipe (and well over 20 ms on any real GPU) against a 20 ms deadline.
  const wgsl = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  var x = gid.x;
  for (var i = 0u; i < 50000000u; i++) {
    x = x * 1664525u + 1013904223u;
  }
  out[gid.x] = x;
}
`;
  const kernel = await compileKernel(acquired.device, { label: 'spin.wgsl', wgsl, entryPoint: 'main' });
  if (!kernel.ok) throw new Error('spin.wgsl failed to compile');
  const run = await runKernel(acquired.device, kernel.value, { bindings: [{ kind: 'output', words: 1024 }], workgroups: [16], timeoutMs: 20 });
  const again = await runKernel(acquired.device, kernel.value, { bindings: [{ kind: 'output', words: 4 }], workgroups: [1] });
  acquired.device.destroy();
  console.log(JSON.stringify({ mode, diagnostics: run.ok ? [] : run.diagnostics, again: again.ok ? [] : again.diagnostics }));
} else {
  // 'idle' leaves the device alive on purpose: the process must still exit by itself.
  console.log(JSON.stringify({ mode, adapter: acquired.adapterInfo.description, diagnostics: [] }));
  if (mode === 'destroy') acquired.device.destroy();
}
