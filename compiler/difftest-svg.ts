// SVG error histograms of a difftest report: one panel per format, bars over the log2 ULP bins
// (0, 1, 2-3, 4-7, ...) of every layer's elements, bar height the fraction of elements (on a
// log10 axis, so rare large errors stay visible). Standalone SVG 1.1, no scripts or fonts beyond
// a generic family; `tilegate difftest --svg` writes it atomically.
import type { DifftestReport } from './difftest.ts';
import { ulpBinLabel } from './difftest-stats.ts';

const PANEL_W = 420;
const PANEL_H = 240;
const PAD = { left: 52, right: 12, top: 34, bottom: 46 };
const COLUMNS = 2;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Renders the histograms of every format in the report. */
export function difftestSvg(report: DifftestReport): string {
  const panels = report.formats.length;
  const rows = Math.max(1, Math.ceil(panels / COLUMNS));
  const width = PANEL_W * Math.min(COLUMNS, Math.max(1, panels));
  const height = PANEL_H * rows + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(`difftest ${report.model}: ULP error histograms`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-size="13" font-weight="bold">${esc(`${report.model}: ULP error vs f64 (batch ${report.batch}, seed ${report.seed})`)}</text>`,
  ];
  report.formats.forEach((f, i) => parts.push(panel(f, (i % COLUMNS) * PANEL_W, 30 + Math.floor(i / COLUMNS) * PANEL_H)));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function panel(f: DifftestReport['formats'][number], x0: number, y0: number): string {
  const bins = f.summary.ulpBins;
  const last = Math.max(1, bins.reduce((hi, c, i) => (c > 0 ? i : hi), 0));
  const shown = bins.slice(0, last + 1);
  const total = shown.reduce((a, c) => a + c, 0) || 1;
  const plotW = PANEL_W - PAD.left - PAD.right;
  const plotH = PANEL_H - PAD.top - PAD.bottom;
  const bw = plotW / shown.length;
  // log10 fraction axis from 1e-6 (bottom) to 1 (top).
  const yOf = (frac: number): number => PAD.top + plotH * Math.min(1, Math.max(0, -Math.log10(Math.max(frac, 1e-6)) / 6));
  const out: string[] = [`<g transform="translate(${x0},${y0})">`];
  const title = `${f.format}: ${(100 * f.summary.bitExactFraction).toFixed(2)}% bit-exact vs interpreter, max ${f.summary.maxUlp} ULP`;
  out.push(`<text x="${PAD.left}" y="18" font-weight="bold">${esc(title)}</text>`);
  for (let d = 0; d <= 6; d++) {
    const y = PAD.top + (plotH * d) / 6;
    out.push(`<line x1="${PAD.left}" y1="${num(y)}" x2="${PAD.left + plotW}" y2="${num(y)}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${PAD.left - 4}" y="${num(y + 4)}" text-anchor="end">${d === 0 ? '1' : `1e-${d}`}</text>`);
  }
  shown.forEach((c, i) => {
    const x = PAD.left + i * bw;
    if (c > 0) {
      const y = yOf(c / total);
      out.push(`<rect x="${num(x + 1)}" y="${num(y)}" width="${num(Math.max(1, bw - 2))}" height="${num(PAD.top + plotH - y)}" fill="${i === 0 ? '#2e7d32' : '#1565c0'}"><title>${esc(`${ulpBinLabel(i)} ULP: ${c} elements`)}</title></rect>`);
    }
    out.push(`<text x="${num(x + bw / 2)}" y="${PAD.top + plotH + 14}" text-anchor="middle" font-size="9">${esc(ulpBinLabel(i))}</text>`);
  });
  out.push(`<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#333333"/>`);
  out.push(`<text x="${PAD.left + plotW / 2}" y="${PANEL_H - 12}" text-anchor="middle">ULP distance to round(f64 reference) (log2 bins)</text>`);
  out.push(`<text x="12" y="${PAD.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${PAD.top + plotH / 2})">fraction of elements</text>`);
  out.push('</g>');
  return out.join('\n');
}
