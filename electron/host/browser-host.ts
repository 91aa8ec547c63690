import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppCore } from '../core/app-core';
import { fail } from '../shared/api/envelope';
import { handleApiCall, handleEventStream, sendEnvelope } from './api-routes';
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
  const server: Server = createServer((req, res) => {
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
    if (url.pathname === '/api/events') {
      handleEventStream(options.core, req, res);
    } else if (url.pathname.startsWith('/api/upload/')) {
      handleUpload(options.core.dataDir, url.pathname.slice('/api/upload/'.length), url, req, res).catch((e: unknown) => {
        options.core.logger.error('upload failed', { error: String(e) });
        if (!res.headersSent) sendEnvelope(res, fail('INTERNAL', 'upload failed'));
      });
    } else if (url.pathname.startsWith('/api/call/')) {
      void handleApiCall(options.core, url.pathname.slice('/api/call/'.length), req, res).catch((e: unknown) => {
        options.core.logger.error('browser host request failed', { error: String(e) });
        if (!res.headersSent) sendEnvelope(res, fail('INTERNAL', 'request failed'));
      });
    } else if (url.pathname.startsWith('/api/')) {
      sendEnvelope(res, fail('NOT_FOUND', `no API route ${url.pathname}`));
    } else {
      serveStatic(options.rendererDir, url.pathname, res);
    }
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
