import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppCore } from '../../electron/core/app-core';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';

/** The loopback host over a test core, serving a one-page stand-in for the built renderer. */
export function startTestHost(core: AppCore): Promise<BrowserHost> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'radground-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>RadGround</title>');
  return startBrowserHost({ core, rendererDir });
}

/** fetch with the session token as a bearer header (Node has no cookie jar). */
export function bearerFetch(token: string): typeof fetch {
  return (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } });
}
