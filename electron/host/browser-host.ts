import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppCore } from '../core/app-core';
import { fail } from '../shared/api/envelope';
import { handleApiCall, handleEventStream, sendEnvelope } from './api-routes';
import { errorKind, routeFamily } from './client-text';
import { generateToken, isAllowedHost, isAllowedOrigin, presentedToken, tokenCookieName, tokensEqual } from './request-auth';
import { serveStatic } from './serve-static';
import { handleUpload } from './upload-route';

export const LOOPBACK_ADDRESS = '127.0.0.1';

export interface BrowserHostOptions {
  core: AppCore;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a fresh random token otherwise. */
  token?: string;
  /** Largest file one upload may store (default 2 GiB); tests lower it. */
  maxUploadBytes?: number;
}

export interface BrowserHost {
  readonly port: number;
  /** The address the socket is bound to (always the loopback address). */
  readonly address: string;
  readonly token: string;
  /** The URL to open: it carries the token once, the page then lives on a cookie. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The renderer and the API served on the loopback interface only, for browsers and for tests:
 * the same contract as Electron IPC, behind a per-start random token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? generateToken();
  let port = 0;
  const log = options.core.logger;
  /** Last resort for anything a route throws or rejects with: a 400/500 answer and a log line without PHI. */
  const failed = (e: unknown, req: IncomingMessage, res: ServerResponse, route: string): void => {
    const clientFault = e instanceof URIError;
    log.error('browser host request failed', { method: req.method, route, ...errorKind(e) });
    if (!res.headersSent) {
      sendEnvelope(res, clientFault ? fail('BAD_REQUEST', 'malformed request') : fail('INTERNAL', 'request failed'));
    } else {
      res.destroy();
    }
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_ADDRESS}`);
    if (!isAllowedHost(req, port) || !isAllowedOrigin(req, port)) {
      sendEnvelope(res, fail('FORBIDDEN', 'request from a foreign host or origin'));
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null && tokensEqual(token, queryToken)) {
      redirectWithCookie(res, port, token, url);
      return;
    }
    if (!tokensEqual(token, presentedToken(req, port))) {
      sendEnvelope(res, fail('UNAUTHORIZED', 'missing or wrong RadGround session token'));
      return;
    }
    const route = routeFamily(url.pathname);
    if (url.pathname === '/api/events') {
      handleEventStream(options.core, req, res);
    } else if (url.pathname.startsWith('/api/upload/')) {
      const limits = { maxFileBytes: options.maxUploadBytes };
      handleUpload(options.core.dataDir, url.pathname.slice('/api/upload/'.length), url, req, res, limits).catch((e: unknown) =>
        failed(e, req, res, route),
      );
    } else if (url.pathname.startsWith('/api/call/')) {
      handleApiCall(options.core, url.pathname.slice('/api/call/'.length), req, res).catch((e: unknown) => failed(e, req, res, route));
    } else if (url.pathname.startsWith('/api/')) {
      sendEnvelope(res, fail('NOT_FOUND', `no API route ${url.pathname}`));
    } else {
      serveStatic(options.rendererDir, url.pathname, res);
    }
  };
  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      failed(e, req, res, 'request');
    }
  });
  // A broken connection or request line must not surface as an unhandled 'error'.
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_ADDRESS, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    port,
    address: bound.address,
    token,
    url: `http://${LOOPBACK_ADDRESS}:${port}/?token=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function redirectWithCookie(res: ServerResponse, port: number, token: string, url: URL): void {
  url.searchParams.delete('token');
  const location = url.pathname + (url.search || '') + url.hash;
  res.writeHead(302, {
    'set-cookie': `${tokenCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
    location,
    'cache-control': 'no-store',
  });
  res.end();
}
