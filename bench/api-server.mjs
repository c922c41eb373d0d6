// The API server of the load benchmark, in a process of its own: the built `serve` bundle
// (dist/serve.cjs, what `llm-sizing serve` runs) on 127.0.0.1, port 0. It tells its parent the URL and,
// when asked, its memory (process.memoryUsage), over the IPC channel; SIGINT stops it (exit 0).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runServe } = require('../dist/serve.cjs');

process.on('message', (m) => {
  if (m === 'memory') process.send({ memory: process.memoryUsage() });
});
const io = {
  stdout: (text) => {
    const url = /http:\/\/\S+?\//.exec(text)?.[0];
    if (url) process.send({ url });
  },
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  now: () => new Date(),
  env: process.env,
};
const args = { command: 'serve', values: { port: '0', host: '127.0.0.1' }, positionals: [], locale: 'en' };
runServe(args, io).then((code) => {
  process.exitCode = code;
  process.disconnect();
});
