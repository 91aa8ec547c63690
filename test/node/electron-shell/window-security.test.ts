import { describe, expect, it } from 'vitest';
import { createMainWindowOptions } from '../../../electron/main/window-options';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shared/security/content-security-policy';

// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), item by item.
describe('main window options follow the Electron security checklist', () => {
  const options = createMainWindowOptions('/app/dist/electron/preload.cjs');
  const web = options.webPreferences!;

  it('#2 does not enable Node.js integration (window, workers, subframes)', () => {
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });
  it('#3 enables context isolation', () => expect(web.contextIsolation).toBe(true));
  it('#4 enables process sandboxing', () => expect(web.sandbox).toBe(true));
  it('#6 does not disable webSecurity', () => expect(web.webSecurity).toBe(true));
  it('#8 does not allow insecure content', () => expect(web.allowRunningInsecureContent).toBe(false));
  it('#9 does not enable experimental features', () => expect(web.experimentalFeatures).toBe(false));
  it('#10 does not use enableBlinkFeatures', () => expect(web.enableBlinkFeatures).toBeUndefined());
  it('#11 disables <webview>', () => expect(web.webviewTag).toBe(false));
  it('#13 does not navigate on drag and drop', () => expect(web.navigateOnDragDrop).toBe(false));
  it('uses the bundled preload and nothing else', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(Object.keys(web).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
  it('#7 has a Content-Security-Policy without remote sources or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
  it('opens hidden and dark, so no white flash in a reading room', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#0b0d10');
  });
});
