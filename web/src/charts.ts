/** Hand-drawn SVG charts (strings): a log-x line chart and a stacked bar per scenario. No library. */

export interface Series {
  readonly name: string;
  readonly color: string;
  /** y null: not computable (infeasible) at that x. */
  readonly points: readonly (readonly [number, number | null])[];
}

const W = 360;
const H = 200;
const PAD = { left: 44, right: 22, top: 10, bottom: 34 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A legend's colour square, coloured by an SVG attribute: the page's CSP allows no inline `style=`. */
const swatch = (color: string) => `<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${color}"/></svg>`;
const short = (v: number) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(1)}`);

/** Line chart with a log2 x axis; `markX` draws the current input as a dashed line. */
export function lineChart(title: string, series: readonly Series[], xLabel: string, yLabel: string, markX: number): string {
  const xs = series[0]?.points.map((p) => p[0]) ?? [];
  const ys = series.flatMap((s) => s.points.map((p) => p[1]).filter((y): y is number => y !== null));
  const x0 = Math.log2(Math.min(...xs));
  const x1 = Math.log2(Math.max(...xs));
  const yMax = Math.ceil(Math.max(1, ...ys) * 1.05);
  const px = (x: number) => PAD.left + ((Math.log2(x) - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  let body = `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" class="axis"/><line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" class="axis"/>`;
  for (const y of new Set([0, Math.round(yMax / 2), yMax])) body += `<text x="${PAD.left - 4}" y="${py(y) + 4}" text-anchor="end">${short(y)}</text>`;
  for (const x of [xs[0], xs[Math.floor(xs.length / 2)], xs[xs.length - 1]]) if (x !== undefined) body += `<text x="${px(x)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${short(x)}</text>`;
  body += `<text x="${(W + PAD.left) / 2}" y="${H - 4}" text-anchor="middle">${esc(xLabel)}</text><text x="10" y="${PAD.top + 8}" transform="rotate(-90 10 ${PAD.top + 8})" text-anchor="end">${esc(yLabel)}</text>`;
  body += `<line x1="${px(markX)}" y1="${PAD.top}" x2="${px(markX)}" y2="${H - PAD.bottom}" class="mark"/>`;
  for (const s of series) {
    let d = '';
    let pen = 'M';
    for (const [x, y] of s.points) {
      if (y === null) pen = 'M';
      else {
        d += `${pen}${px(x).toFixed(1)} ${py(y).toFixed(1)}`;
        pen = 'L';
      }
    }
    body += `<path d="${d}" stroke="${s.color}" fill="none" stroke-width="2"/>`;
  }
  const legend = series.map((s) => `<span>${swatch(s.color)}${esc(s.name)}</span>`).join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${body}</svg><div class="legend">${legend}</div></figure>`;
}

export interface Bar {
  readonly name: string;
  /** Segment values (GiB), in the order of `parts`. */
  readonly values: readonly number[];
}

/** Horizontal stacked bars sharing one scale; values are printed in the accessible description. */
export function stackedBars(title: string, parts: readonly { name: string; color: string }[], bars: readonly Bar[], format: (v: number) => string): string {
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((a, v) => a + Math.max(0, v), 0)));
  const left = 96;
  const rowH = 34;
  const h = bars.length * rowH + 8;
  let body = '';
  bars.forEach((b, i) => {
    let x = left;
    const y = 6 + i * rowH;
    body += `<text x="${left - 6}" y="${y + 17}" text-anchor="end">${esc(b.name)}</text>`;
    b.values.forEach((v, j) => {
      const w = (Math.max(0, v) / max) * (W - left - PAD.right);
      body += `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="24" fill="${parts[j]?.color ?? '#999'}"><title>${esc(`${parts[j]?.name}: ${format(v)}`)}</title></rect>`;
      x += w;
    });
  });
  const desc = bars.map((b) => `${b.name}: ${b.values.map((v, j) => `${parts[j]?.name} ${format(v)}`).join(', ')}`).join('; ');
  const legend = parts.map((p) => `<span>${swatch(p.color)}${esc(p.name)}</span>`).join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(`${title}. ${desc}`)}">${body}</svg><div class="legend">${legend}</div></figure>`;
}
