import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

/** The path of the Electron binary, or why there is none (the package installs without it here). */
function electronBinary(): { path: string | null; reason: string } {
  try {
    const path = createRequire(join(projectRoot, 'package.json'))('electron') as unknown as string;
    if (typeof path === 'string' && existsSync(path)) return { path, reason: '' };
    return { path: null, reason: `Electron binary absent at ${String(path)}` };
  } catch (e) {
    return {
      path: null,
      reason: `Electron binary absent: its download is skipped on install (machines here reach only the npm registry) — ${(e as Error).message.split('\n')[0]}`,
    };
  }
}

const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip(binary.path === null, binary.reason);

  // The main process loads better-sqlite3 built for Electron's ABI (build/electron-native), as
  // `npm start` does; where it cannot be built here the test says why instead of failing at launch.
  test.beforeAll(async () => {
    const { ensureElectronNative } = (await import(join(projectRoot, 'build', 'electron-native', 'ensure.mjs'))) as {
      ensureElectronNative: (o: { root: string }) => Promise<{ status: string; reason?: string }>;
    };
    const native = await ensureElectronNative({ root: projectRoot });
    test.skip(native.status === 'skipped', `better-sqlite3 for Electron: ${native.reason ?? 'not built'}`);
  });

  test('opens one sandboxed window that reaches the core over IPC', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'radground-electron-'));
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [projectRoot, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-status')).toContainText('Connected');
      await expect(window.getByTestId('connection-status')).toContainText('ipc');
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await window.evaluate(() => location.protocol)).toBe('app:');
      // WebGL2 even without a GPU (SwiftShader, allowed by electron/main/software-webgl.ts), or no MPR on VDI.
      expect(await window.evaluate(() => document.createElement('canvas').getContext('webgl2') !== null)).toBe(true);
      await window.screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'electron-shell.png') });
    } finally {
      await app.close();
    }
  });

  test('PDF export: printToPDF of the report HTML in the hidden window, saved where the (stubbed) save dialog points', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'radground-electron-'));
    const pdfPath = join(userData, 'chosen.pdf');
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [projectRoot, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
    try {
      // The native dialog cannot be driven by a test: the main process's dialog answers with a path.
      await app.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path }));
      }, pdfPath);
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-status')).toContainText('ipc');
      const saved = await window.evaluate(async () => {
        type Envelope = { ok: boolean; value?: Record<string, unknown>; error?: unknown };
        type Call = (p: unknown) => Promise<Envelope>;
        const bridge = (globalThis as unknown as { radground: { api: Record<'app.getInfo' | 'reports.create' | 'reports.addSentence', Call>; desktop: Record<'desktop.saveReportPdf', Call> } }).radground;
        const info = await bridge.api['app.getInfo']({});
        const studyInstanceUid = info.value!.startupStudyInstanceUid as string;
        const report = await bridge.api['reports.create']({ studyInstanceUid });
        await bridge.api['reports.addSentence']({ reportId: report.value!.id, section: 'indication', text: 'Printed by printToPDF.' });
        return bridge.desktop['desktop.saveReportPdf']({ reportId: report.value!.id });
      });
      expect(saved).toEqual({ ok: true, value: { saved: true, fileName: 'chosen.pdf' } });
      const { readFileSync } = await import('node:fs');
      const { pdfText } = await import('../support/pdf-text');
      const pdf = readFileSync(pdfPath);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfText(pdf).replace(/\s+/g, '')).toContain('PrintedbyprintToPDF.');
    } finally {
      await app.close();
    }
  });

  test('PACS tokens: encrypted by safeStorage in the data folder and held again after a restart, or refused where the OS cannot encrypt', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'radground-electron-'));
    const token = 'electron-token-5f1c';
    const launch = () =>
      electron.launch({ executablePath: binary.path!, args: [projectRoot, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
    type Envelope = { ok: boolean; value?: { nodes: { id: string; hasSecret: boolean }[] }; error?: { code: string; message: string } };
    const call = (window: Awaited<ReturnType<Awaited<ReturnType<typeof launch>>['firstWindow']>>, channel: string, payload: unknown) =>
      window.evaluate(
        ([c, p]) => (globalThis as unknown as { radground: { api: Record<string, (p: unknown) => Promise<Envelope>> } }).radground.api[c]!(p),
        [channel, payload] as const,
      );
    const { readFileSync } = await import('node:fs');
    const secretsFile = join(userData, 'pacs-secrets.json');
    let app = await launch();
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-status')).toContainText('ipc');
      const encrypts = await app.evaluate(({ safeStorage }) => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'));
      const saved = await call(window, 'pacs.nodes.save', { node: { id: 'pacs1', name: 'PACS', url: 'https://pacs.example/dicom-web', auth: { kind: 'bearer' } }, secret: token });
      if (!encrypts) {
        expect(saved).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
        expect(saved.error!.message).toContain('no OS keychain');
        expect(existsSync(secretsFile)).toBe(false);
        return;
      }
      expect(saved.ok).toBe(true);
      await expect.poll(() => existsSync(secretsFile)).toBe(true);
      expect(readFileSync(secretsFile, 'utf8')).not.toContain(token);
    } finally {
      await app.close();
    }
    app = await launch();
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-status')).toContainText('ipc');
      const listed = await call(window, 'pacs.nodes.list', {});
      expect(listed.value!.nodes).toMatchObject([{ id: 'pacs1', hasSecret: true }]);
    } finally {
      await app.close();
    }
  });
});
