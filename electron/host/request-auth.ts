import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { decodeClientText } from './client-text';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies on 127.0.0.1 are shared across ports, so the cookie name carries the port. */
export function tokenCookieName(port: number): string {
  return `radground_token_${port}`;
}

export function tokensEqual(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function presentedToken(req: IncomingMessage, port: number): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const cookie = parseCookies(req.headers.cookie)[tokenCookieName(port)];
  return cookie ?? null;
}

/**
 * Refuses requests whose Host is not our loopback address, which defeats DNS-rebinding pages
 * that would otherwise reach this server through a hostname they control.
 */
export function isAllowedHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser sends Origin on cross-origin requests; only our own origin may call the API. */
export function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Cookie values by name; a value with a malformed %-escape is left out (never thrown on). */
function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const value = decodeClientText(part.slice(eq + 1).trim());
    if (value !== null) out[part.slice(0, eq).trim()] = value;
  }
  return out;
}
