// node bench/tree-cpu.mjs COMMAND [ARGS…]: run COMMAND and sum the CPU (user + sys) of every process
// it starts, by kind (Chromium's browser, renderer, GPU and other processes, vitest's workers, the
// served CLI), read from /proc every 50 ms (Linux only). `/usr/bin/time` no longer sees Chromium,
// which the shared vitest worker's exit stops; this counts a process until its last reading, so a
// process's last 50 ms can be missed. Prints one JSON line: wall seconds, exit code, Chromium's total,
// each kind's seconds and the load average before and after.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // clock ticks a second (getconf CLK_TCK on Linux)
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node bench/tree-cpu.mjs COMMAND [ARGS…]');
  process.exit(2);
}
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const kind = (cmd) => {
  if (cmd.includes('--type=renderer')) return 'chromium-renderer';
  if (cmd.includes('--type=gpu-process')) return 'chromium-gpu';
  if (cmd.includes('--type=')) return 'chromium-other';
  if (/chrom|headless_shell/.test(cmd)) return 'chromium-browser';
  if (cmd.includes('cli.cjs')) return 'server';
  if (cmd.includes('vitest')) return 'vitest';
  return 'other';
};
const seen = new Map(); // pid:start → { kind, cpu }
const start = performance.now();
const load0 = loadavg();
const child = spawn(command, args, { stdio: 'inherit' });
function poll() {
  const procs = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICK, started: f[19] });
    } catch {}
  }
  for (const [pid, p] of procs) {
    let q = pid;
    for (let i = 0; i < 30 && q !== child.pid && procs.has(q); i++) q = procs.get(q).ppid;
    if (q !== child.pid) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {}
    const key = `${pid}:${p.started}`;
    // Read again each time: a process forked from node shows node's command line until it executes its own.
    const old = seen.get(key);
    seen.set(key, { kind: cmd ? kind(cmd) : (old?.kind ?? 'other'), cpu: p.cpu });
  }
}
const timer = setInterval(poll, 50);
child.on('close', (code) => {
  clearInterval(timer);
  poll();
  const byKind = {};
  for (const { kind: k, cpu } of seen.values()) byKind[k] = (byKind[k] ?? 0) + cpu;
  const chromium = Object.entries(byKind).filter(([k]) => k.startsWith('chromium')).reduce((s, [, v]) => s + v, 0);
  const round = (x) => Math.round(x * 100) / 100;
  console.log(JSON.stringify({ wall: round((performance.now() - start) / 1000), code, chromium: round(chromium), ...Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(v)])), load: [load0, loadavg()] }));
  process.exitCode = code ?? 1;
});
