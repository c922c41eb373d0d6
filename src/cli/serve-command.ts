/**
 * `llm-sizing serve [--port N] [--host H]`: the API and the web app on one local server. Built as an
 * on-demand bundle (dist/serve.cjs), so that no other command loads hono. It prints the URL with the
 * port really bound, and stops cleanly (exit 0) on SIGINT or SIGTERM, or when `io.stop` is aborted
 * (the command run in process). Its limits (connections, timeouts) are SERVE_LIMITS, applied by
 * createNodeServer; the app checks the Host header against the address and port really bound.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createNodeServer } from '../server/listen.ts';
import { createApp } from '../server/app.ts';
import { API_PREFIX, SERVE_DEFAULTS } from '../server/limits.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { numberOrText, type ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import type { Io } from './main.ts';
import { messagesFor } from '../report/i18n/index.ts';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
}

/** The flags → host and port, or problems naming the flag. */
export function serveOptions(values: ParsedArgs['values']): { ok: true; value: ServeOptions } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const portText = values.port;
  const port = typeof portText === 'string' ? numberOrText(portText) : SERVE_DEFAULTS.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push({ field: '--port', value: typeof port === 'number' ? port : portText, accepted: { kind: 'integer', min: 0, max: 65535 } });
  }
  const host = typeof values.host === 'string' ? values.host : SERVE_DEFAULTS.host;
  if (!/^[A-Za-z0-9.:[\]%-]+$/.test(host)) problems.push({ field: '--host', value: host, accepted: { kind: 'rule', rule: 'host_address', detail: {} } });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { host: host.replace(/^\[(.*)\]$/, '$1'), port: port as number } };
}

export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

export async function runServe(args: ParsedArgs, io: Io): Promise<number> {
  const parsed = serveOptions(args.values);
  if (!parsed.ok) throw new InputError(parsed.problems);
  const { host, port } = parsed.value;
  const words = messagesFor(args.locale).cli;
  let boundPort: number | undefined;
  const app = createApp({
    webRoot: join(__dirname, 'web'),
    env: io.env,
    now: io.now,
    bound: () => ({ host, port: boundPort }),
    logAborted: (line) => io.stderr(`llm-sizing serve: ${line}\n`),
    logError: (e) => io.stderr(`${words.serveFailure}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
  });
  // Stopped before it started: nothing to listen for.
  if (io.stop?.aborted) return EXIT.ok;
  return await new Promise<number>((resolve, reject) => {
    const server = createNodeServer(app.fetch);
    server.listen(port, host, () => {
      boundPort = (server.address() as AddressInfo).port;
      io.stdout(`${words.serveListening({ url: urlOf(host, boundPort), api: `${urlOf(host, boundPort)}${API_PREFIX.slice(1)}/` })}\n`);
    });
    server.once('error', (e: NodeJS.ErrnoException) => {
      // Not listening: leave no signal handler behind (the command may run in a longer-lived process).
      unlisten();
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
        reject(new InputError([{ field: '--port', value: port, accepted: { kind: 'rule', rule: 'listen_failed', detail: { host, code: e.code } } }]));
      } else reject(e);
    });
    const unlisten = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stop?.removeEventListener('abort', stop);
    };
    const stop = () => {
      unlisten();
      server.close(() => resolve(EXIT.ok));
      // Idle keep-alive connections would hold close() open.
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    io.stop?.addEventListener('abort', stop);
  });
}
