import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { ApiCallError } from '../../../electron/shared/api/envelope';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { createHttpTransport } from '../../../renderer/src/api/http-transport';
import { createTestCore } from '../../support/test-core';
import { bearerFetch } from '../../support/test-host';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('contract over the loopback browser host', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  let origin: string;
  const rendererDir = mkdtempSync(join(tmpdir(), 'radground-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>RadGround</title>');

  beforeAll(async () => {
    env = await createTestCore();
    host = await startBrowserHost({ core: env.core, rendererDir });
    origin = `http://127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    await env.dispose();
  });


  it('round-trips typed calls through the renderer HTTP transport', async () => {
    const api = createApiClient(createHttpTransport({ baseUrl: origin, fetch: bearerFetch(host.token) }));
    expect(await api['app.getInfo']({})).toMatchObject({ name: 'RadGround', transport: 'http', dataDir: env.dataDir });
    expect((await api['app.ping']({ nonce: 'n-1' })).nonce).toBe('n-1');
  });

  it('answers 401 without the token, or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { cookie: `radground_token_${host.port}=nope` }]) {
      const res = await fetch(`${origin}/api/call/app.getInfo`, { method: 'POST', headers: headers as Record<string, string>, body: '{}' });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect((await fetch(`${origin}/index.html`)).status).toBe(401);
    const api = createApiClient(createHttpTransport({ baseUrl: origin, fetch: bearerFetch('x'.repeat(43)) }));
    const error = await api['app.getInfo']({}).catch((e: unknown) => e);
    expect((error as ApiCallError).code).toBe('UNAUTHORIZED');
  });

  it('exchanges the URL token for an HttpOnly per-port cookie and strips it from the address', async () => {
    const res = await fetch(host.url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`radground_token_${host.port}=`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${origin}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('uses a different random token on every start', async () => {
    const other = await startBrowserHost({ core: env.core, rendererDir });
    expect(other.token).not.toBe(host.token);
    expect(other.token.length).toBeGreaterThanOrEqual(43);
    await other.close();
  });

  it('is bound to 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: host.port, timeout: 2000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
      });
      expect(reached, `reachable on ${address}`).toBe(false);
    }
    // And the listening socket itself reports the loopback address, not 0.0.0.0 or ::.
    expect(host.address).toBe('127.0.0.1');
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/api/call/app.getInfo', method: 'POST', headers: { host: `evil.example:${host.port}`, authorization: `Bearer ${host.token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('rejects a body that is not JSON and an unknown channel with typed errors', async () => {
    const headers = { authorization: `Bearer ${host.token}` };
    const bad = await fetch(`${origin}/api/call/app.ping`, { method: 'POST', headers, body: '{nonce:' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await fetch(`${origin}/api/call/app.nothing`, { method: 'POST', headers, body: '{}' });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('streams core events as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${origin}/api/events`, { headers: { authorization: `Bearer ${host.token}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ': connected'
    env.core.events.publish({ type: 'studies.changed' });
    let text = '';
    while (!text.includes('\n\n', text.indexOf('data:'))) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('data: {"type":"studies.changed"}');
    controller.abort();
  });
});
