// (d) The web page's redraw time (issue #5): in Chromium (CHROMIUM_PATH, the system's, or the packaged one), on the built app served by
// `llm-sizing serve`, change one input at a time (concurrency, context, KV precision in turn) and read
// the time the page's own update took: validation, sizing, the chart series (sizings over ranges),
// the DOM writes and the layout they cause (the page forces it before stopping the clock); painting is
// not included. Median over CHANGES changes, after a few warm-up ones. Target ≤ 16 ms (one frame).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/chromium.mjs';

const REPORT_EXAMPLE = '?model=opt-oss-120b&server=dgx300&storage=profile_default&concurrency=1000&effective_context=131072&kv_precision=fp16';
/**
 * Issue 10: a sizing with latency targets, so every redraw also runs the SLO search in each sizing of
 * the chart sweeps and the latency-vs-load chart (24 loads through the performance model).
 */
const WORKLOAD_EXAMPLE = '?model=Meta-Llama-3.1-70B&server=dgx-h200&storage=profile_default&concurrency=1000&effective_context=8192&ttft_p99_ms=2000&tpot_p99_ms=40';

/**
 * Issue 12: a sizing with storage fields (the Llama-3.1-70B artifacts on the network SSD,
 * 2 nodes loading at once, failure domains of 3), so every redraw also plans storage and recovery in
 * each sizing and draws the storage block and the recovery chart.
 */
const STORAGE_EXAMPLE = '?model=Meta-Llama-3.1-70B&server=dgx-h200&storage=profile_network_ssd&concurrency=1000&effective_context=8192&target_load_time_s=60&warmup_concurrency=2&nodes_per_domain=3';

/** Runs in the page: `changes` input events, each followed by a frame; returns each update's ms. */
const CHANGE_INPUTS = `async (changes, workload, storage) => {
  const set = (id, value) => {
    const el = document.getElementById(id);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const steps = [
    () => set('f-concurrency', String(500 + Math.floor(Math.random() * 5000))),
    () => set('f-effective_context', String(8192 * (1 + Math.floor(Math.random() * 32)))),
    () => set('f-kv_precision', Math.random() < 0.5 ? 'fp8' : 'fp16'),
    ...(workload ? [() => set('f-tpot_p99_ms', String(30 + Math.floor(Math.random() * 50)))] : []),
    ...(storage ? [() => set('f-engine_startup_s', String(60 + Math.floor(Math.random() * 240)))] : []),
  ];
  const times = [];
  for (let i = 0; i < changes; i++) {
    steps[i % steps.length]();
    times.push(window.llmSizing.stats.lastMs);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return times;
}`;

export async function measureWebRedraw({ changes = 50, warmup = 10, workload = false, storage = false } = {}) {
  const child = spawn(process.execPath, ['dist/cli.cjs', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b) => {
        out += b;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const found = await findChromium();
    const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, env: { ...process.env, ...found.env } });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(url + (storage ? STORAGE_EXAMPLE : workload ? WORKLOAD_EXAMPLE : REPORT_EXAMPLE));
      const times = await page.evaluate(`(${CHANGE_INPUTS})(${changes + warmup}, ${workload}, ${storage})`);
      const measured = times.slice(warmup).sort((a, b) => a - b);
      const median = measured[Math.floor(measured.length / 2)];
      return { changes, workload, storage, medianMs: median, p90Ms: measured[Math.floor(measured.length * 0.9)], maxMs: measured[measured.length - 1] };
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

export function describeWebRedraw(r) {
  const what = r.storage
    ? 'web redraw with storage fields (one input changed → results, storage planned in every chart sizing, the storage block and the recovery chart redrawn, laid out)'
    : r.workload ? 'web redraw with latency targets (one input changed → results, the SLO search in every chart sizing and the latency charts redrawn, laid out)' : 'web redraw (one input changed → results and charts redrawn, laid out)';
  return `${what}: median ${r.medianMs.toFixed(2)} ms, p90 ${r.p90Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms over ${r.changes} changes (target ≤ 16 ms: ${r.medianMs <= 16 ? 'met' : 'missed'})`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeWebRedraw(await measureWebRedraw()));
  console.log(describeWebRedraw(await measureWebRedraw({ workload: true })));
  console.log(describeWebRedraw(await measureWebRedraw({ storage: true })));
}
