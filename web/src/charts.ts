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

/** Text made safe for HTML and SVG, in content and in quoted attributes (every view of the page uses it). */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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

export interface Part {
  readonly name: string;
  readonly color: string;
  /** The colour of a value written on the segment. */
  readonly ink: string;
}

export interface BarsOptions {
  /** The unit under the axis ("GiB"). */
  readonly unit: string;
  /** A dashed line at a value (the node's memory), with its label. */
  readonly marker?: { readonly value: number; readonly label: string };
  /** The title of the table's first column. */
  readonly rowsTitle: string;
  /** A value on a segment (short) and in the table. */
  readonly short: (v: number) => string;
  readonly format: (v: number) => string;
}

/** 1, 2 or 5 × a power of ten: about `count` steps up to `max`. */
export function niceStep(max: number, count: number): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/**
 * Horizontal stacked bars sharing one scale, with an axis, the values written on the segments wide
 * enough to hold them, and every value in a table under the chart (its header is the legend).
 */
export function stackedBars(title: string, parts: readonly Part[], bars: readonly Bar[], o: BarsOptions): string {
  const totals = bars.map((b) => b.values.reduce((a, v) => a + Math.max(0, v), 0));
  const step = niceStep(Math.max(1, ...totals, o.marker?.value ?? 0), 5);
  const max = Math.ceil(Math.max(1, ...totals, o.marker?.value ?? 0) / step) * step;
  const left = 92;
  const right = 16;
  const top = o.marker ? 16 : 4;
  const rowH = 30;
  const barH = 22;
  const axisY = top + bars.length * rowH;
  const h = axisY + 30;
  const px = (v: number) => left + (v / max) * (W - left - right);
  let body = '';
  bars.forEach((b, i) => {
    let x = left;
    const y = top + i * rowH + (rowH - barH) / 2;
    body += `<text x="${left - 6}" y="${y + barH / 2 + 4}" text-anchor="end">${esc(b.name)}</text>`;
    b.values.forEach((v, j) => {
      const part = parts[j];
      const w = px(Math.max(0, v)) - left;
      body += `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${part?.color ?? '#999'}"><title>${esc(`${part?.name}: ${o.format(v)}`)}</title></rect>`;
      const label = o.short(v);
      // About 6 px a character at the chart's 11 px.
      if (v > 0 && w >= label.length * 6 + 6) body += `<text class="value" x="${(x + w / 2).toFixed(1)}" y="${y + barH / 2 + 4}" text-anchor="middle" fill="${part?.ink ?? '#000'}">${esc(label)}</text>`;
      x += w;
    });
  });
  body += `<line x1="${left}" y1="${axisY}" x2="${W - right}" y2="${axisY}" class="axis"/>`;
  for (let v = 0; v <= max + step / 2; v += step) {
    body += `<line x1="${px(v).toFixed(1)}" y1="${axisY}" x2="${px(v).toFixed(1)}" y2="${axisY + 4}" class="axis"/><text x="${px(v).toFixed(1)}" y="${axisY + 15}" text-anchor="middle">${short(v)}</text>`;
  }
  body += `<text x="${W - right}" y="${axisY + 28}" text-anchor="end">${esc(o.unit)}</text>`;
  if (o.marker) {
    const x = px(o.marker.value).toFixed(1);
    body += `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${axisY}" class="mark"/><text x="${x}" y="${top - 6}" text-anchor="${o.marker.value > max / 2 ? 'end' : 'start'}">${esc(`${o.marker.label} ${o.short(o.marker.value)}`)}</text>`;
  }
  const desc = bars.map((b) => `${b.name}: ${b.values.map((v, j) => `${parts[j]?.name} ${o.format(v)}`).join(', ')}`).join('; ');
  const head = `<tr><th scope="col">${esc(o.rowsTitle)}</th>${bars.map((b) => `<th scope="col">${esc(b.name)}</th>`).join('')}</tr>`;
  const rows = parts.map((p, j) => `<tr><th scope="row">${swatch(p.color)}${esc(p.name)}</th>${bars.map((b) => `<td>${esc(o.short(b.values[j] ?? 0))}</td>`).join('')}</tr>`).join('');
  return `<figure class="bars"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(`${title}. ${desc}`)}">${body}</svg><table class="values">${head}${rows}</table></figure>`;
}

/** One point of a latency curve: the model's figure and its 80 % interval (display unit). */
export interface LatencyPoint {
  readonly x: number;
  readonly y: number;
  readonly low: number;
  readonly high: number;
}

export interface LatencyChartOptions {
  readonly title: string;
  /** `data-metric` of the figure (tests and styles). */
  readonly metric: string;
  readonly xLabel: string;
  /** The y axis's label, unit included ("TPOT p99, ms"). */
  readonly yLabel: string;
  readonly points: readonly LatencyPoint[];
  /** A horizontal line: the latency target (display unit). */
  readonly target: { readonly value: number; readonly label: string } | null;
  /** Vertical lines: the memory limit (`limit`) and the current load (`mark`). */
  readonly verticals: readonly { readonly x: number; readonly label: string; readonly kind: 'limit' | 'mark' }[];
  readonly legend: { readonly curve: string; readonly band: string; readonly target: string; readonly limit: string };
  /** What the chart shows, in words (its accessible name after the title). */
  readonly description: string;
}

/** Ticks of a log x axis over [1, max]: 1, 2, 5 × powers of ten, thinned to at most 6. */
function logTicks(max: number): number[] {
  const all: number[] = [];
  for (let p = 1; p <= max; p *= 10) for (const m of [1, 2, 5]) if (m * p <= max) all.push(m * p);
  const decades = all.filter((v) => /^10*$/.test(String(v)));
  return all.length <= 6 ? all : decades.length >= 2 ? decades : all.filter((_, i) => i % 2 === 0);
}

/**
 * A latency against the load on a log x axis (sessions per replica, from 1): the model's curve, its
 * 80 % interval as a band (clipped to the chart), the target as a horizontal line, and the memory
 * limit and current load as vertical lines. Linear y axis from 0 with nice ticks and its unit.
 */
export function latencyChart(o: LatencyChartOptions): string {
  const pts = o.points.filter((p) => Number.isFinite(p.y));
  if (pts.length < 2) return '';
  const left = 48;
  const x0 = Math.log2(pts[0]!.x);
  const x1 = Math.log2(Math.max(pts[pts.length - 1]!.x, ...o.verticals.map((v) => v.x)));
  const top = Math.max(...pts.map((p) => p.y), o.target?.value ?? 0);
  const step = niceStep(Math.max(top * 1.2, 1e-9), 4);
  const yMax = Math.ceil((top * 1.2) / step) * step;
  const px = (x: number) => left + ((Math.log2(x) - x0) / (x1 - x0 || 1)) * (W - left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (Math.min(Math.max(y, 0), yMax) / yMax) * (H - PAD.top - PAD.bottom);
  const f1 = (v: number) => v.toFixed(1);
  let body = `<line x1="${left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" class="axis"/><line x1="${left}" y1="${PAD.top}" x2="${left}" y2="${H - PAD.bottom}" class="axis"/>`;
  for (let v = 0; v <= yMax + step / 2; v += step) body += `<line x1="${left - 3}" y1="${f1(py(v))}" x2="${left}" y2="${f1(py(v))}" class="axis"/><text x="${left - 5}" y="${f1(py(v) + 4)}" text-anchor="end">${short(v)}</text>`;
  for (const x of logTicks(2 ** x1)) if (Math.log2(x) >= x0) body += `<line x1="${f1(px(x))}" y1="${H - PAD.bottom}" x2="${f1(px(x))}" y2="${H - PAD.bottom + 3}" class="axis"/><text x="${f1(px(x))}" y="${H - PAD.bottom + 14}" text-anchor="middle">${short(x)}</text>`;
  body += `<text x="${(W + left) / 2}" y="${H - 4}" text-anchor="middle">${esc(o.xLabel)}</text><text x="10" y="${PAD.top + 8}" transform="rotate(-90 10 ${PAD.top + 8})" text-anchor="end">${esc(o.yLabel)}</text>`;
  const band = [...pts.map((p) => `${f1(px(p.x))} ${f1(py(p.low))}`), ...[...pts].reverse().map((p) => `${f1(px(p.x))} ${f1(py(p.high))}`)];
  body += `<path class="band" d="M${band.join('L')}Z" fill="#1f6feb" fill-opacity="0.15" stroke="none"/>`;
  body += `<path class="curve" d="M${pts.map((p) => `${f1(px(p.x))} ${f1(py(p.y))}`).join('L')}" stroke="#1f6feb" fill="none" stroke-width="2"/>`;
  for (const v of o.verticals) {
    const x = f1(px(v.x));
    const anchor = px(v.x) > (W + left) / 2 ? 'end' : 'start';
    const dx = anchor === 'end' ? -3 : 3;
    body += `<line x1="${x}" y1="${PAD.top}" x2="${x}" y2="${H - PAD.bottom}" class="${v.kind}" data-x="${v.x}"/><text x="${f1(px(v.x) + dx)}" y="${v.kind === 'limit' ? PAD.top + 9 : PAD.top + 21}" text-anchor="${anchor}">${esc(v.label)}</text>`;
  }
  if (o.target) {
    const y = f1(py(o.target.value));
    body += `<line x1="${left}" y1="${y}" x2="${W - PAD.right}" y2="${y}" class="target" data-value="${o.target.value}"/><text class="target-label" x="${left + 4}" y="${f1(py(o.target.value) - 4)}">${esc(o.target.label)}</text>`;
  }
  const key = (color: string, text: string, dashed = false) =>
    `<span><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><line x1="0" y1="5" x2="10" y2="5" stroke="${color}" stroke-width="3"${dashed ? ' stroke-dasharray="3 2"' : ''}/></svg>${esc(text)}</span>`;
  const legend = [
    key('#1f6feb', o.legend.curve),
    `<span>${swatch('#c7dafc')}${esc(o.legend.band)}</span>`,
    ...(o.target ? [key('#b42318', o.legend.target, true)] : []),
    key('#4a525c', o.legend.limit, true),
  ].join('');
  return `<figure class="latency" data-metric="${esc(o.metric)}"><figcaption>${esc(o.title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${o.title}. ${o.description}`)}">${body}</svg><div class="legend">${legend}</div></figure>`;
}
