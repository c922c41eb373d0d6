// The child processes a test run starts, for counting them: preloaded into vitest's forks, it appends
// "TEST-FILE:LINE<TAB>FUNCTION<TAB>COMMAND ARGS" to $SPAWN_LOG_FILE for every child_process call
// (spawn, spawnSync, execFile, execFileSync, exec, execSync, fork), the line being the first frame in
// test/ outside test/setup and test/helpers (the test that asked). docs/performance.md lists what the
// suite starts and why:
//
//   SPAWN_LOG_FILE=/tmp/s.txt npx vitest run --exclude 'test/web/**' --execArgv=--require=./bench/spawn-log.cjs
//   sed -E 's#/tmp/llm-sizing-[^ ]*#TMP#g' /tmp/s.txt | cut -c1-160 | sort | uniq -c
const cp = require('node:child_process');
const { appendFileSync } = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');

const file = process.env.SPAWN_LOG_FILE;
function caller() {
  const frame = (new Error().stack ?? '').split('\n').slice(2).find((l) => /\/test\/(?!setup\/|helpers\/)/.test(l) && !l.includes('node_modules'));
  return frame ? frame.replace(/.*\/(test\/[^:]+:\d+).*/, '$1') : '(not a test)';
}
if (file) {
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork']) {
    const original = cp[name];
    cp[name] = function logged(command, args, ...rest) {
      const words = Array.isArray(args) ? args.map((a) => String(a).slice(0, 60)) : [];
      appendFileSync(file, `${caller()}\t${name}\t${[command, ...words].join(' ')}\n`);
      return original.call(this, command, args, ...rest);
    };
  }
  // `import { spawn } from 'node:child_process'` in the tests sees the logged functions too.
  syncBuiltinESMExports();
}
