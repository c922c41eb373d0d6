// The CPU (user + sys) of every process a child starts, read from /proc every 100 ms (Linux only), by
// kind of process (Chromium's browser, renderer, GPU and other processes, vitest, the served CLI).
// `/usr/bin/time` and getrusage do not see the whole tree: Chromium, which a vitest worker's exit
// stops, is never waited for by its parent. A process is counted until its last reading, so its last
// 100 ms can be missed. Used by bench/tree-cpu.mjs and bench/suite.mjs.
//
// The watcher's own cost: each poll lists /proc and reads every process's `stat` (each kept open and
// read again from its start), and a command line only when a process is new or renamed (an exec).
// Measured beside a `sleep 20` on this machine with ~66 processes (2026-12-01 22:50): 436 ms of CPU
// in 20 s, 2 % of one CPU; opening, reading and closing every file, command lines included, at every
// 50 ms poll took 1,116 ms, 6 %, a load the measured run had to share.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

const TICK = 100; // clock ticks a second (getconf CLK_TCK on Linux)
const POLL_MS = 100;

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
  const seen = new Map(); // pid:start → { kind, comm, cpu }
  const files = new Map(); // pid → the open descriptor of its stat file
  const buf = Buffer.alloc(4096);
  const stat = (p) => {
    let fd = files.get(p);
    if (fd === undefined) {
      fd = openSync(`/proc/${p}/stat`, 'r');
      files.set(p, fd);
    }
    return buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0));
  };
  const poll = () => {
    const procs = new Map();
    const alive = new Set();
    for (const d of readdirSync('/proc')) {
      const p = Number(d);
      if (!Number.isInteger(p)) continue;
      alive.add(p);
      try {
        const st = stat(p);
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        procs.set(p, { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICK, started: f[19], comm: st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')) });
      } catch {}
    }
    // A process gone (its descriptor reads nothing more): closed, so a new process of the same number is opened afresh.
    for (const [p, fd] of files) {
      if (alive.has(p) && procs.has(p)) continue;
      closeSync(fd);
      files.delete(p);
    }
    for (const [p, info] of procs) {
      let q = p;
      for (let i = 0; i < 30 && q !== pid && procs.has(q); i++) q = procs.get(q).ppid;
      if (q !== pid) continue;
      const key = `${p}:${info.started}`;
      const old = seen.get(key);
      // The command line read again only when the process's name changed: a process forked from node
      // shows node's command line until it executes its own, which renames it.
      let kind = old?.kind;
      if (old === undefined || old.comm !== info.comm) {
        let cmd = '';
        try {
          cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
        } catch {}
        kind = cmd ? kindOf(cmd) : (kind ?? 'other');
      }
      seen.set(key, { kind, comm: info.comm, cpu: info.cpu });
    }
  };
  const timer = setInterval(poll, POLL_MS);
  poll();
  return {
    stop() {
      clearInterval(timer);
      poll();
      for (const fd of files.values()) closeSync(fd);
      files.clear();
      const byKind = {};
      for (const { kind, cpu } of seen.values()) byKind[kind] = (byKind[kind] ?? 0) + cpu;
      const total = Object.values(byKind).reduce((s, x) => s + x, 0);
      return { total, byKind };
    },
  };
}
