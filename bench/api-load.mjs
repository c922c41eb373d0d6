// API load benchmark: the server (bench/api-server.mjs: the built serve bundle) on 127.0.0.1 with an
// OS-chosen port, under autocannon for DURATION seconds (default 20) with a bounded number of
// connections, on POST /api/v1/sizing with the report example's body. Prints requests/s, p50 / p99
// latency, errors (must be 0: non-2xx answers and timeouts count too) and the server's RSS and heap
// before and after. Exits 1 on any error. Loopback only; the run stops by itself.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SERVER = fileURLToPath(new URL('./api-server.mjs', import.meta.url));
export const LOAD_BODY = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function startServer() {
  const child = fork(SERVER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, SOURCE_DATE_EPOCH: '0' } });
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('api-load: the server printed no URL within 10 s')), 10_000);
    child.on('message', (m) => {
      if (m.url) {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`api-load: the server exited (${code}) before listening`)));
  });
  const memory = () =>
    new Promise((resolve) => {
      const on = (m) => {
        if (m.memory) {
          child.off('message', on);
          resolve(m.memory);
        }
      };
      child.on('message', on);
      child.send('memory');
    });
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.kill('SIGINT');
    });
  return { url, memory, stop };
}

export async function measureApiLoad({ seconds = Number(process.env.API_LOAD_SECONDS ?? 20), connections = 10 } = {}) {
  const server = startServer();
  const base = await server.url;
  const url = `${base}api/v1/sizing`;
  // One request first: the answer must be the report example's 4 / 5 / 7 nodes, or the load means nothing.
  const first = await fetch(url, { method: 'POST', body: JSON.stringify(LOAD_BODY), headers: { 'Content-Type': 'application/json' } });
  const doc = await first.json();
  const nodes = ['minimum', 'recommended', 'ideal'].map((k) => doc.scenarios?.[k]?.results.nodes_final);
  if (first.status !== 200 || nodes.join('/') !== '4/5/7') throw new Error(`api-load: unexpected first answer ${first.status} ${nodes.join('/')}`);
  const before = await server.memory();
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(LOAD_BODY),
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
  });
  const after = await server.memory();
  const stopped = await server.stop();
  return {
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    before,
    after,
    exit: stopped,
  };
}

export function describeApiLoad(r) {
  return (
    `API load: POST /api/v1/sizing, ${r.connections} connections for ${r.seconds} s: ${r.requests.toLocaleString('en')} requests, ` +
    `${Math.round(r.requestsPerSecond).toLocaleString('en')} req/s, latency p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}; ` +
    `server RSS ${mib(r.before.rss)} → ${mib(r.after.rss)}, heap used ${mib(r.before.heapUsed)} → ${mib(r.after.heapUsed)}; ` +
    `server exit ${r.exit.code ?? r.exit.signal}`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureApiLoad();
  console.log(describeApiLoad(r));
  process.exitCode = r.errors === 0 && r.exit.code === 0 ? 0 : 1;
}
