import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppUrlToFile } from '../../../electron/main/app-protocol';
import { isTrustedSender } from '../../../electron/main/trusted-sender';
import { applySessionPolicy, applyWebContentsPolicy } from '../../../electron/main/content-policy';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shared/security/content-security-policy';
import { projectRoot } from '../../support/shared-data';

describe('IPC sender validation (#17)', () => {
  it('trusts only the main frame of app://radground', () => {
    expect(isTrustedSender({ url: 'app://radground/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://radground/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'https://radground/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('app:// protocol (#18: a custom protocol, not file://)', () => {
  const root = join(sep, 'opt', 'radground', 'renderer');
  it('maps app URLs inside the renderer folder', () => {
    expect(resolveAppUrlToFile('app://radground/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppUrlToFile('app://radground/assets/a.js', root)).toBe(join(root, 'assets', 'a.js'));
    expect(resolveAppUrlToFile('app://radground/worklist', root)).toBe(join(root, 'index.html'));
  });
  it('refuses other hosts and path traversal', () => {
    expect(resolveAppUrlToFile('app://evil/index.html', root)).toBeNull();
    for (const url of ['app://radground/..%2F..%2Fetc%2Fpasswd.txt', 'app://radground/%2e%2e/%2e%2e/secret.js', 'app://radground/a/..%5C..%5C..%5Cx.js']) {
      const file = resolveAppUrlToFile(url, root);
      // Either refused or clamped inside the renderer folder: never above it.
      if (file !== null) expect(file.startsWith(root + sep), url).toBe(true);
    }
  });
});

describe('web contents and session policy (#5, #7, #13, #14)', () => {
  it('blocks navigation, redirects, webviews and window.open', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    applyWebContentsPolicy({
      on: (event, listener) => listeners.set(event, listener),
      setWindowOpenHandler: (h) => (openHandler = h),
    });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and adds the CSP to every response', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((...a: unknown[]) => boolean) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    applySessionPolicy({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      webRequest: { onHeadersReceived: (l) => (headers = l) },
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      let granted: boolean | null = null;
      request!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(check!({}, 'media')).toBe(false);
    let out: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'X-A': ['1'] } }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['X-A']).toEqual(['1']);
  });
});

describe('main process wiring', () => {
  const main = readFileSync(join(projectRoot, 'electron', 'main', 'main.ts'), 'utf8');
  it('applies both policies, holds a single-instance lock and keeps data in userData', () => {
    expect(main).toContain('applyWebContentsPolicy(contents)');
    expect(main).toContain('applySessionPolicy(session.defaultSession)');
    expect(main).toContain('requestSingleInstanceLock()');
    expect(main).toContain("app.getPath('userData')");
  });
});
