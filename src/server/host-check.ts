/**
 * Which Host headers the server answers: DNS-rebinding protection. A page on another site can make
 * a browser send requests to 127.0.0.1 under its own name (evil.example resolving to 127.0.0.1);
 * the browser then sends `Host: evil.example:8787`, which names no address of this server. Such
 * requests get 421 Misdirected Request (RFC 9110 §15.5.20: "not configured to produce responses for
 * the combination of scheme and authority"), which says exactly that: this server does not answer
 * for that name. 403 would say the client lacks a permission, which no client can obtain.
 *
 * Accepted: `localhost`, `127.0.0.1` and `[::1]`, and the address the server is bound to; with the
 * port the server listens on (no port: only when that is 80). When bound to every address (0.0.0.0
 * or ::), any IP address is accepted too: an IP literal cannot be rebound, and it is what other
 * machines type. Names other than localhost are accepted only when the server is bound to that name.
 */
import { isIP } from 'node:net';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** Where the server listens; `port` undefined: any port (an app used in process, not bound). */
export interface Bound {
  readonly host: string;
  readonly port?: number | undefined;
}

/** The name and port of a Host header value (`[::1]:8787` → `[::1]`, `8787`), lower-cased. */
function splitAuthority(authority: string): { name: string; port: string | undefined } {
  const a = authority.trim().toLowerCase();
  const close = a.startsWith('[') ? a.indexOf(']') + 1 : 0;
  const colon = a.indexOf(':', close);
  return colon < 0 ? { name: a, port: undefined } : { name: a.slice(0, colon), port: a.slice(colon + 1) };
}

/** An address as it appears in a Host header (an IPv6 address in brackets). */
function asHostName(address: string): string {
  const a = address.toLowerCase();
  return isIP(a) === 6 ? `[${a}]` : a;
}

/**
 * Whether a request with this Host header is for this server.
 *
 * @example hostAllowed('localhost:8787', { host: '127.0.0.1', port: 8787 }) // true
 * @example hostAllowed('evil.example:8787', { host: '127.0.0.1', port: 8787 }) // false
 */
export function hostAllowed(authority: string | undefined, bound: Bound): boolean {
  if (authority === undefined || authority === '') return false;
  const { name, port } = splitAuthority(authority);
  if (bound.port !== undefined && !(port === undefined ? bound.port === 80 : port === String(bound.port))) return false;
  if ((LOOPBACK_NAMES as readonly string[]).includes(name)) return true;
  if (name === asHostName(bound.host)) return true;
  const literal = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  return WILDCARDS.has(bound.host) && isIP(literal) !== 0 && (isIP(literal) === 6) === name.startsWith('[');
}
