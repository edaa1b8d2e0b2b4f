// Terminal I/O for the CLI: colour (picocolors, off when not a TTY or NO_COLOR), printing of
// diagnostics in human or JSON form, and the exit-code convention shared by every command.
import pc from 'picocolors';
import { diagnosticToJson, renderOneLine, renderPretty, type Diagnostic, type SourceMap } from '../ir/diagnostics.ts';

/** Exit codes: 0 ok, 1 a check failed (mismatch, failing verdict), 2 bad input or usage, 3 internal error. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 3 } as const;

/** Where a command writes; tests substitute buffers. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readonly isTTY: boolean;
  readonly color: boolean;
}

/** The process's stdout/stderr as a CliIO. */
export function processIO(): CliIO {
  // A closed pipe (`tilegate ... | head`) is a normal way to stop reading, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const isTTY = Boolean(process.stderr.isTTY);
  const color = pc.isColorSupported && isTTY && !process.env.NO_COLOR;
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    isTTY,
    color,
  };
}

/** Colour functions, or identities when colour is off. */
export function palette(io: CliIO) {
  const c = pc.createColors(io.color);
  return { error: c.red, warn: c.yellow, dim: c.dim, ok: c.green, bold: c.bold, cyan: c.cyan };
}

/** Prints diagnostics to stderr: pretty for people, or one JSON array with `--json`. */
export function printDiagnostics(io: CliIO, ds: readonly Diagnostic[], sources?: SourceMap, json = false): void {
  if (ds.length === 0) return;
  if (json) {
    io.err(JSON.stringify({ diagnostics: ds.map((d) => diagnosticToJson(d, sources)) }, null, 2));
    return;
  }
  const p = palette(io);
  for (const d of ds) io.err(io.isTTY ? renderPretty(d, sources, p) : `${renderOneLine(d, sources)}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
}
