// Diagnostics shared by every layer: spans, the diagnostic record, the bag that collects them,
// and the two renderings (one line for tests and machines, caret-underlined for people).
// Codes live in ir/diagnostic-codes.ts. User errors never throw: they become Diagnostics.
import type { DiagCode } from './diagnostic-codes.ts';

/** A range of a source text: byte offsets, end exclusive. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** One problem found in user input. `span` points into a text source; `at` is for files without one. */
export interface Diagnostic {
  readonly code: DiagCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly span?: Span;
  /** Explicit 1-based location, for inputs that are not registered sources (binary headers, JSON lines). */
  readonly at?: { readonly file: string; readonly line: number; readonly column: number };
  readonly hint?: string;
}

/** A text file with a line table, so offsets become 1-based line:column on demand. */
export class SourceFile {
  private readonly lineStarts: number[];

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }
}

/** Collects diagnostics for one compilation or load; the stateful service of this module. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  /** Records an error. */
  error(code: DiagCode, message: string, where?: Span | Diagnostic['at'], hint?: string): void {
    this.push('error', code, message, where, hint);
  }

  /** Records a warning. */
  warn(code: DiagCode, message: string, where?: Span | Diagnostic['at'], hint?: string): void {
    this.push('warning', code, message, where, hint);
  }

  /** Appends diagnostics produced elsewhere. */
  addAll(ds: readonly Diagnostic[]): void {
    this.items.push(...ds);
  }

  /** True when any error (not warning) was recorded. */
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  private push(
    severity: Diagnostic['severity'],
    code: DiagCode,
    message: string,
    where: Span | Diagnostic['at'] | undefined,
    hint: string | undefined,
  ): void {
    const base = { code, severity, message, ...(hint === undefined ? {} : { hint }) };
    if (where === undefined) this.items.push(base);
    else if ('start' in where) this.items.push({ ...base, span: where });
    else this.items.push({ ...base, at: where });
  }
}

/** Sources known to the renderer, by file name. */
export type SourceMap = ReadonlyMap<string, SourceFile>;

/** Resolves a diagnostic to a 1-based file:line:col, when it has a location. */
export function locate(d: Diagnostic, sources?: SourceMap): { file: string; line: number; column: number } | undefined {
  if (d.at) return d.at;
  if (!d.span) return undefined;
  const src = sources?.get(d.span.file);
  if (!src) return { file: d.span.file, line: 1, column: 1 };
  return { file: d.span.file, ...src.position(d.span.start) };
}

/** `file:line:col: error[E0103]: message` — stable, for tests and machines. */
export function renderOneLine(d: Diagnostic, sources?: SourceMap): string {
  const loc = locate(d, sources);
  const where = loc ? `${loc.file}:${loc.line}:${loc.column}: ` : '';
  return `${where}${d.severity}[${d.code}]: ${d.message}`;
}

/** Caret-underlined rendering for people; `paint` colours the pieces (identity by default). */
export function renderPretty(
  d: Diagnostic,
  sources?: SourceMap,
  paint: { error: (s: string) => string; warn: (s: string) => string; dim: (s: string) => string } = {
    error: (s) => s,
    warn: (s) => s,
    dim: (s) => s,
  },
): string {
  const head = (d.severity === 'error' ? paint.error : paint.warn)(`${d.severity}[${d.code}]`);
  const lines = [`${head}: ${d.message}`];
  const loc = locate(d, sources);
  if (loc) lines.push(paint.dim(`  --> ${loc.file}:${loc.line}:${loc.column}`));
  const src = d.span ? sources?.get(d.span.file) : undefined;
  if (d.span && src && loc) {
    const text = src.lineText(loc.line);
    const endPos = src.position(Math.max(d.span.start, d.span.end - 1));
    const width = endPos.line === loc.line ? Math.max(1, endPos.column - loc.column + 1) : Math.max(1, text.length - loc.column + 1);
    const gutter = String(loc.line).length;
    lines.push(paint.dim(`${' '.repeat(gutter)} |`));
    lines.push(`${paint.dim(`${loc.line} |`)} ${text}`);
    lines.push(`${paint.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(loc.column - 1)}${(d.severity === 'error' ? paint.error : paint.warn)('^'.repeat(width))}`);
  }
  if (d.hint) lines.push(`  = hint: ${d.hint}`);
  return lines.join('\n');
}

/** Plain JSON form of a diagnostic for `--json` output (see spec/diagnostics.md). */
export function diagnosticToJson(d: Diagnostic, sources?: SourceMap): Record<string, unknown> {
  const loc = locate(d, sources);
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: loc?.file ?? null,
    line: loc?.line ?? null,
    column: loc?.column ?? null,
    hint: d.hint ?? null,
  };
}
