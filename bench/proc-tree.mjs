// The CPU (user + sys) of every process a child starts, read from /proc every 50 ms (Linux only), by
// kind of process (Chromium's browser, renderer, GPU and other processes, vitest, the served CLI).
// `/usr/bin/time` and getrusage do not see the whole tree: Chromium, which a vitest worker's exit
// stops, is never waited for by its parent. A process is counted until its last reading, so its last
// 50 ms can be missed. Used by bench/tree-cpu.mjs and bench/suite.mjs.
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // clock ticks a second (getconf CLK_TCK on Linux)

/** The kind of a process, by its command line. */
export const kindOf = (cmd) => {
  if (cmd.includes('--type=renderer')) return 'chromium-renderer';
  if (cmd.includes('--type=gpu-process')) return 'chromium-gpu';
  if (cmd.includes('--type=')) return 'chromium-other';
  if (/chrom|headless_shell/.test(cmd)) return 'chromium-browser';
  if (cmd.includes('cli.cjs')) return 'server';
  if (cmd.includes('vitest')) return 'vitest';
  return 'other';
};

/** Whether this system has /proc to read (Linux). */
export const canWatch = () => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
};

/**
 * Watch the processes descended from `pid` (the child's own included); `stop()` reads them a last
 * time and gives the seconds of CPU by kind and in all.
 */
export function watchTree(pid) {
  const seen = new Map(); // pid:start → { kind, cpu }
  const poll = () => {
    const procs = new Map();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const st = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICK, started: f[19] });
      } catch {}
    }
    for (const [p, info] of procs) {
      let q = p;
      for (let i = 0; i < 30 && q !== pid && procs.has(q); i++) q = procs.get(q).ppid;
      if (q !== pid) continue;
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {}
      const key = `${p}:${info.started}`;
      // Read again each time: a process forked from node shows node's command line until it executes its own.
      const old = seen.get(key);
      seen.set(key, { kind: cmd ? kindOf(cmd) : (old?.kind ?? 'other'), cpu: info.cpu });
    }
  };
  const timer = setInterval(poll, 50);
  poll();
  return {
    stop() {
      clearInterval(timer);
      poll();
      const byKind = {};
      for (const { kind, cpu } of seen.values()) byKind[kind] = (byKind[kind] ?? 0) + cpu;
      const total = Object.values(byKind).reduce((s, x) => s + x, 0);
      return { total, byKind };
    },
  };
}
