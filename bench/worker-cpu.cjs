// The CPU (user+sys) of a vitest worker, for measuring test files: preloaded into vitest's forks, it
// appends "PID SIGNAL-OR-exit SECONDS" to $WORKER_CPU_FILE when the worker ends (vitest stops its forks
// with SIGTERM). Sum the third column over the workers of a run:
//
//   WORKER_CPU_FILE=/tmp/w.txt npx vitest run FILE --execArgv=--require=./bench/worker-cpu.cjs
//   awk '{s += $3} END {print s}' /tmp/w.txt
const { appendFileSync } = require('node:fs');

let written = false;
function write(why) {
  if (written || !process.env.WORKER_CPU_FILE) return;
  written = true;
  const u = process.cpuUsage();
  appendFileSync(process.env.WORKER_CPU_FILE, `${process.pid} ${why} ${((u.user + u.system) / 1e6).toFixed(3)}\n`);
}
process.on('exit', () => write('exit'));
process.on('disconnect', () => write('disconnect'));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    write(signal);
    process.exit(0);
  });
}
