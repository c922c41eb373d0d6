// node bench/tree-cpu.mjs COMMAND [ARGS…]: run COMMAND and sum the CPU (user + sys) of every process
// it starts, by kind (Chromium's browser, renderer, GPU and other processes, vitest's workers, the
// served CLI), read from /proc every 100 ms (Linux only; bench/proc-tree.mjs). Prints one JSON line:
// wall seconds, exit code, Chromium's total, each kind's seconds and the load average before and after.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { watchTree } from './proc-tree.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node bench/tree-cpu.mjs COMMAND [ARGS…]');
  process.exit(2);
}
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const start = performance.now();
const load0 = loadavg();
const child = spawn(command, args, { stdio: 'inherit' });
const watch = watchTree(child.pid);
child.on('close', (code) => {
  const { byKind } = watch.stop();
  const chromium = Object.entries(byKind).filter(([k]) => k.startsWith('chromium')).reduce((s, [, v]) => s + v, 0);
  const round = (x) => Math.round(x * 100) / 100;
  console.log(JSON.stringify({ wall: round((performance.now() - start) / 1000), code, chromium: round(chromium), ...Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(v)])), load: [load0, loadavg()] }));
  process.exitCode = code ?? 1;
});
