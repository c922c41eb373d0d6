/**
 * The Node HTTP server that carries the app, with the limits of SERVE_LIMITS: a cap on open
 * connections, timeouts for headers, whole requests, keep-alive and silent sockets, and an early
 * answer to `Expect: 100-continue`. Not yet listening: the caller calls `listen`.
 */
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { MAX_BODY_BYTES, SERVE_LIMITS, type ServeLimits } from './limits.ts';

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

export function createNodeServer(fetch: Fetch, limits: ServeLimits = SERVE_LIMITS): Server {
  const listener = getRequestListener(fetch);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    listener,
  );
  // Connections beyond the cap are closed as they arrive; the ones open keep being served.
  server.maxConnections = limits.maxConnections;
  // A socket without traffic this long is destroyed (there is no 'timeout' listener).
  server.setTimeout(limits.idleTimeoutMs);
  // A client that asks before sending its body: when its Content-Length is already too large, the app
  // answers 413 (from that header alone, Connection: close) and no "100 Continue" is sent, so the
  // body never travels. Otherwise the client is told to go on, as Node does by default.
  server.on('checkContinue', (req, res) => {
    const length = Number(req.headers['content-length']);
    if (!(length > MAX_BODY_BYTES)) res.writeContinue();
    void listener(req, res);
  });
  return server;
}
