/**
 * No request can end the browser host: malformed escapes, oversize and chunked bodies, aborted uploads and
 * throwing routes all get an HTTP answer (or a closed connection), and the host keeps serving.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { tokenCookieName } from '../../../electron/host/request-auth';
import { uploadBatchDir } from '../../../electron/host/upload-route';
import { createTestCore } from '../../support/test-core';

const UPLOAD_CAP = 4096;

/** One raw HTTP exchange (fetch would re-encode the path and cannot send a malformed one). */
function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | Buffer[] },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const part of Array.isArray(options.body) ? options.body : options.body ? [options.body] : []) req.write(part);
    req.end();
  });
}

describe('the browser host survives hostile requests', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  beforeAll(async () => {
    env = await createTestCore();
    const rendererDir = mkdtempSync(join(tmpdir(), 'radground-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>RadGround</title>');
    host = await startBrowserHost({ core: env.core, rendererDir, maxUploadBytes: UPLOAD_CAP });
  });
  afterAll(async () => {
    await host.close();
    await env.dispose();
  });
  const auth = () => ({ authorization: `Bearer ${host.token}` });
  const stillServing = async () => {
    const res = await raw(host.port, { method: 'POST', path: '/api/call/studies.list', headers: { ...auth(), 'content-type': 'application/json' }, body: Buffer.from('{}') });
    expect(res.status).toBe(200);
  };

  it('a cookie with a malformed %-escape is no token (401), not a crash', async () => {
    for (const value of ['%E0%A4%A', '%', '%zz']) {
      const res = await raw(host.port, { path: '/', headers: { cookie: `${tokenCookieName(host.port)}=${value}` } });
      expect(res.status, value).toBe(401);
    }
    await stillServing();
  });

  it('a path with a malformed %-escape is 400, with a token', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%', '/%00x.js']) {
      const res = await raw(host.port, { path, headers: auth() });
      expect(res.status, path).toBe(400);
    }
    await stillServing();
  });

  it('an API body over 1 MiB gets 413, not a connection reset', async () => {
    const big = Buffer.alloc(1536 * 1024, 0x20);
    const declared = await raw(host.port, { method: 'POST', path: '/api/call/studies.list', headers: { ...auth(), 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const chunked = await raw(host.port, {
      method: 'POST',
      path: '/api/call/studies.list',
      headers: { ...auth(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: [big.subarray(0, 700 * 1024), big.subarray(700 * 1024)],
    });
    expect(chunked.status).toBe(413);
    await stillServing();
  });

  it('a chunked upload with no Content-Length is capped while streaming and leaves no file', async () => {
    const batch = 'drop-chunked1';
    const res = await raw(host.port, {
      method: 'PUT',
      path: `/api/upload/${batch}?path=big.dcm`,
      headers: { ...auth(), 'transfer-encoding': 'chunked' },
      body: [Buffer.alloc(3000, 1), Buffer.alloc(3000, 2), Buffer.alloc(3000, 3)],
    });
    expect(res.status).toBe(413);
    const dir = uploadBatchDir(env.dataDir, batch);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    // Under the cap the same upload is stored whole.
    const small = await raw(host.port, { method: 'PUT', path: `/api/upload/${batch}?path=small.dcm`, headers: { ...auth(), 'transfer-encoding': 'chunked' }, body: [Buffer.alloc(1000, 1), Buffer.alloc(1000, 2)] });
    expect(small.status).toBe(200);
    expect(readdirSync(dir)).toEqual(['small.dcm']);
  });

  it('an upload the client aborts leaves no partial file', async () => {
    const batch = 'drop-aborted1';
    const dir = uploadBatchDir(env.dataDir, batch);
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, method: 'PUT', path: `/api/upload/${batch}?path=cut.dcm`, headers: { host: `127.0.0.1:${host.port}`, ...auth(), 'content-length': '3000' } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000, 7));
      const waitForFile = setInterval(() => {
        if (existsSync(dir) && readdirSync(dir).length > 0) {
          clearInterval(waitForFile);
          req.destroy();
        }
      }, 5);
    });
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline && readdirSync(dir).length > 0) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(dir)).toEqual([]);
    await stillServing();
  });

  it('uploading onto an existing folder is 409 CONFLICT, not INTERNAL', async () => {
    const batch = 'drop-folder01';
    const first = await raw(host.port, { method: 'PUT', path: `/api/upload/${batch}?path=series/1.dcm`, headers: auth(), body: Buffer.from('x') });
    expect(first.status).toBe(200);
    for (const path of ['series', 'series/1.dcm/2.dcm']) {
      const res = await raw(host.port, { method: 'PUT', path: `/api/upload/${batch}?path=${encodeURIComponent(path)}`, headers: auth(), body: Buffer.from('y') });
      expect(res.status, path).toBe(409);
      expect(JSON.parse(res.body), path).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
  });

  it('regions.addMeasurement with ±1e308 is a 400 schema error', async () => {
    for (const [p1, p2] of [[[1e308, 0, 0], [-1e308, 0, 0]], [[0, 0, 0], [0, 1e300, 0]]]) {
      const res = await raw(host.port, {
        method: 'POST',
        path: '/api/call/regions.addMeasurement',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ volumeId: '1.2.3', p1, p2 })),
      });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('a route that throws (synchronously or not) answers 500 and logs no PHI', async () => {
    const phi = '/studies/DOE^JANE 19700101/1.dcm';
    const { dispatch } = env.core;
    const subscribe = env.core.events.subscribe;
    (env.core as { dispatch: unknown }).dispatch = () => Promise.reject(new Error(`cannot read ${phi}`));
    env.core.events.subscribe = () => {
      throw new Error(`cannot watch ${phi}`);
    };
    try {
      const call = await raw(host.port, { method: 'POST', path: '/api/call/studies.list', headers: { ...auth(), 'content-type': 'application/json' }, body: Buffer.from('{}') });
      expect(call.status).toBe(500);
      // The event stream has sent its headers when subscribing throws: that connection is closed instead.
      const events = await raw(host.port, { path: '/api/events', headers: auth() }).catch(() => ({ status: 0 }));
      expect([0, 500]).toContain(events.status);
    } finally {
      (env.core as { dispatch: unknown }).dispatch = dispatch;
      env.core.events.subscribe = subscribe;
    }
    const failures = env.logs.filter((l) => l.includes('browser host request failed'));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures.join('\n')).not.toMatch(/DOE|JANE|studies/);
    await stillServing();
  });
  // R3 (issue 15): the remaining attack families; each answers the fitting status and the host keeps serving.
  it('malformed cookies of every kind are no token (401)', async () => {
    const name = tokenCookieName(host.port);
    for (const cookie of [`${name}=%`, `${name}=%zz%E0`, `${name}=${'A'.repeat(8000)}`, `=;;;=${name}`, `${name}="${host.token}`, `${name}=${host.token}%00`, '\u0000\uffff']) {
      const res = await raw(host.port, { path: '/api/call/studies.list', method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: Buffer.from('{}') }).catch(() => ({ status: 0, body: '' }));
      expect([0, 400, 401, 431], cookie.slice(0, 40)).toContain(res.status);
    }
    await stillServing();
  });

  it('path escapes, traversal and unknown routes are 400, 404 or the app page, never a file outside the renderer', async () => {
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%00', '/a%E0%A4%A/b', '/api/%ff', '/api/nothing-here', '/api/call/%2e%2e', '//etc/passwd', '/index.html%00.png']) {
      const res = await raw(host.port, { path, headers: auth() });
      // 200 only as the single-page app's fallback: the renderer's own index.html.
      expect([200, 400, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.body, path).toBe('<!doctype html><title>RadGround</title>');
      expect(res.body, path).not.toMatch(/root:/);
    }
    await stillServing();
  });

  it('bad JSON and wrong content is 400; a foreign Host or Origin is 403', async () => {
    for (const body of ['{', 'null', '[]', '{"a":', '\u0000', '{"__proto__":{"x":1}}']) {
      const res = await raw(host.port, { method: 'POST', path: '/api/call/studies.list', headers: { ...auth(), 'content-type': 'application/json' }, body: Buffer.from(body) });
      expect(res.status === 400 || res.status === 200, body).toBe(true);
      if (res.status === 200) expect(JSON.parse(res.body).ok).toBe(true);
    }
    const bad = await raw(host.port, { method: 'POST', path: '/api/call/reports.get', headers: { ...auth(), 'content-type': 'application/json' }, body: Buffer.from('{"reportId": 5}') });
    expect(bad.status).toBe(400);
    const foreign: Record<string, string>[] = [{ host: 'evil.example' }, { host: `127.0.0.1:${host.port}`, origin: 'http://evil.example' }, { host: `localhost.evil:${host.port}` }, { host: `127.0.0.1:${host.port}`, origin: 'null' }];
    for (const headers of foreign) {
      const res = await raw(host.port, { method: 'POST', path: '/api/call/studies.list', headers: { ...auth(), 'content-type': 'application/json', ...headers }, body: Buffer.from('{}') });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    await stillServing();
  });

  it('many event-stream (SSE) connections at once leave the host serving, and close cleanly', async () => {
    const { request: httpRequest } = await import('node:http');
    const open: { destroy(): void }[] = [];
    await Promise.all(
      Array.from({ length: 200 }, () =>
        new Promise<void>((resolve) => {
          const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, ...auth() } }, (res) => {
            expect(res.statusCode).toBe(200);
            open.push(req);
            resolve();
          });
          req.on('error', () => resolve());
          req.end();
        }),
      ),
    );
    expect(open.length).toBe(200);
    await stillServing();
    for (const r of open) r.destroy();
    await stillServing();
  });
});
