// The WebGPU device layer: finds a Dawn adapter (npm `webgpu`), opens a device and turns every way
// the GPU can fail (no adapter, device loss, validation or out-of-memory errors, work that never
// finishes) into Diagnostics instead of exceptions or hangs. Kernels are compiled and run by
// runner.ts on top of the GpuDevice this file hands out.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';

/** What the adapter says about itself, for reports and benchmark headers. */
export interface AdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
}

/** Outcome of acquireDevice: a live device, or the diagnostics explaining why there is none. */
export type AcquireResult =
  | { readonly ok: true; readonly device: GpuDevice; readonly adapterInfo: AdapterSummary }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Options for acquireDevice. */
export interface AcquireOptions {
  /** Dawn flags for `create()`, e.g. `backend=vulkan` or `adapter=<name>`; none by default. */
  readonly dawnFlags?: readonly string[];
}

/** How to get a working adapter on a CPU-only Debian machine (DESIGN §8). */
export const LAVAPIPE_HINT =
  'install Mesa lavapipe (software Vulkan) from Debian bookworm-backports as root: ' +
  'run `bash scripts/ensure-webgpu.sh`, or: ' +
  "mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/debian.sources | head -1 | awk '{print $2}'); " +
  'echo "deb $mirror bookworm-backports main" > /etc/apt/sources.list.d/bookworm-backports.list; ' +
  'apt-get update && apt-get install -y --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1 ' +
  '(Mesa 22 from plain bookworm is rejected by Dawn)';

/** Builds an error Diagnostic of this layer (no source location: these are environment errors). */
export function gpuDiagnostic(code: DiagCode, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(hint === undefined ? {} : { hint }) };
}

/** Compute limits worth raising to what the adapter allows: model kernels want big buffers. */
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Finds an adapter and opens a device; never throws. */
export async function acquireDevice(options: AcquireOptions = {}): Promise<AcquireResult> {
  let create: (flags: string[]) => GPU;
  try {
    // Imported lazily so a missing or unloadable dawn.node becomes a diagnostic, not a crash.
    ({ create } = await import('webgpu'));
  } catch (e) {
    return fail('E5102', `cannot load the \`webgpu\` package (Dawn): ${errorText(e)}`, 'run `npm ci`; the package ships dawn.node for linux-x64');
  }
  let adapter: GPUAdapter | null;
  let gpu: GPU;
  try {
    gpu = create([...(options.dawnFlags ?? [])]);
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return fail('E5101', `no WebGPU adapter: ${errorText(e)}`, LAVAPIPE_HINT);
  }
  if (!adapter) return fail('E5101', 'no WebGPU adapter found (Dawn found no usable Vulkan driver)', LAVAPIPE_HINT);
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  let raw: GPUDevice;
  try {
    raw = await adapter.requestDevice({ requiredLimits, label: 'tilegate' });
  } catch (e) {
    return fail('E5103', `the adapter refused to open a device: ${errorText(e)}`);
  }
  const info = adapter.info;
  const adapterInfo: AdapterSummary = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: Boolean(info.isFallbackAdapter),
  };
  return { ok: true, device: new GpuDevice(raw, gpu), adapterInfo };
}

function fail(code: DiagCode, message: string, hint?: string): AcquireResult {
  return { ok: false, diagnostics: [gpuDiagnostic(code, message, hint)] };
}

/** Message text of anything thrown (Dawn throws Errors; be defensive about the rest). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Default limit for one dispatch plus readback; lavapipe runs the test kernels in well under it. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * A live Dawn device plus the bookkeeping that turns its failures into diagnostics: device loss,
 * uncaptured errors and timeouts. Stateful, so a class. Call destroy() when done.
 */
export class GpuDevice {
  private lostDiagnostic: Diagnostic | undefined;
  private readonly uncaptured: Diagnostic[] = [];
  private readonly lostPromise: Promise<Diagnostic>;
  private destroyed = false;
  private abandoned = false;

  constructor(
    /** The Dawn device; runner.ts builds pipelines and buffers on it. */
    readonly raw: GPUDevice,
    /** The Dawn instance: it lives only as long as something references it (dawn.node rule). */
    readonly instance: GPU,
  ) {
    this.lostPromise = raw.lost.then((info) => {
      const d = gpuDiagnostic(
        'E5106',
        `WebGPU device lost (${info.reason}): ${info.message.trim()}`,
        'the GPU driver reset or ran out of resources; rerun, or reduce the batch size',
      );
      if (!this.destroyed) this.lostDiagnostic = d;
      return d;
    });
    raw.addEventListener('uncapturederror', (ev) => {
      const err = (ev as GPUUncapturedErrorEvent).error;
      this.uncaptured.push(errorDiagnostic(err));
    });
  }

  /** Why the device can no longer be used (lost, timed out, destroyed), or undefined while usable. */
  get lost(): Diagnostic | undefined {
    if (this.lostDiagnostic) return this.lostDiagnostic;
    return this.destroyed ? gpuDiagnostic('E5106', 'WebGPU device was already destroyed') : undefined;
  }

  /** Errors the device reported outside any error scope since the last call; clears them. */
  takeUncapturedErrors(): Diagnostic[] {
    return this.uncaptured.splice(0);
  }

  /**
   * Runs GPU work under a deadline and the device-loss watch: resolves to the work's value, or to
   * a diagnostic if the device is lost, the work throws, or it does not finish in `timeoutMs`.
   */
  async guard<T>(what: string, work: Promise<T>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<{ ok: true; value: T } | { ok: false; diagnostic: Diagnostic }> {
    const gone = this.lost;
    if (gone) return { ok: false, diagnostic: gone };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<Diagnostic>((resolve) => {
      timer = setTimeout(() => resolve(timeoutDiagnostic(what, timeoutMs)), timeoutMs);
    });
    const outcome = await Promise.race([
      work.then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, diagnostic: this.lost ?? gpuDiagnostic('E5109', `${what} failed: ${errorText(e)}`) }),
      ),
      this.lostPromise.then((d) => ({ ok: false as const, diagnostic: d })),
      deadline.then((d) => ({ ok: false as const, diagnostic: d })),
    ]);
    clearTimeout(timer);
    if (!outcome.ok && outcome.diagnostic.code === 'E5107') this.abandon(outcome.diagnostic);
    return outcome;
  }

  /**
   * Gives up on a device whose work overran its deadline. Dawn's device.destroy() and its exit-time
   * teardown both block until the runaway kernel finishes (on lavapipe, possibly for minutes), so
   * the device is only marked unusable, and once the event loop drains the process exits at once
   * (process.exit skips that teardown) with whatever exit code was set.
   */
  private abandon(d: Diagnostic): void {
    this.lostDiagnostic = d;
    if (this.abandoned) return;
    this.abandoned = true;
    process.once('beforeExit', () => process.exit());
  }

  /** Destroys the device (idempotent) so Dawn frees it and the process can exit. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (!this.abandoned) this.raw.destroy();
  }
}

function timeoutDiagnostic(what: string, timeoutMs: number): Diagnostic {
  return gpuDiagnostic(
    'E5107',
    `${what} did not finish within ${timeoutMs} ms; the device is abandoned`,
    'the kernel may loop forever, or the batch is too large for a software adapter: shrink the batch or raise the timeout',
  );
}

/** Maps a GPUError from an error scope or uncaptured-error event to a diagnostic. */
export function errorDiagnostic(err: GPUError): Diagnostic {
  const text = err.message.trim();
  // The GPU*Error classes are Dawn's, not Node globals, so match the constructor by name.
  if (err.constructor.name === 'GPUValidationError') return gpuDiagnostic('E5105', `WebGPU validation error: ${text}`);
  return gpuDiagnostic('E5108', `WebGPU error: ${text}`, 'reduce buffer sizes or the batch; a software adapter has limited memory');
}
