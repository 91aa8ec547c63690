// `npm run native:electron` / `npm start` where Electron's headers cannot be fetched (as on this
// machine): better-sqlite3 is not rebuilt, nothing is written, and the reason is said plainly.
// Building for real needs those headers; it is not tested here.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentStamp, ensureElectronNative } from '../../../build/electron-native/ensure.mjs';
import { BINDING_FILE, expectedStamp, writeStamp } from '../../../build/electron-native/stamp.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const moduleVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;

let tmp: string;
let notFoundServer: Server;
let notFoundUrl: string;
let refusedUrl: string;
const requests: string[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'radground-electron-native-'));
  notFoundServer = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  notFoundUrl = await listen(notFoundServer);
  // A port that was just free: connections to it are refused.
  const closed = createServer();
  refusedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => notFoundServer.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

const quiet = () => {};
const noCachedHeaders = () => join(tmp, 'electron-gyp-empty');

describe('the rebuild script where the headers cannot be fetched', () => {
  it('npm run native:electron: exits 0 with one clear line, having asked for the headers', async () => {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'build', 'electron-native', 'rebuild.mjs'), '--force'], {
      cwd: root,
      env: { ...process.env, ELECTRON_REBUILD_DIST_URL: notFoundUrl, HOME: join(tmp, 'home'), USERPROFILE: join(tmp, 'home') },
      timeout: 60_000,
    });
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      `RadGround: skipped the Electron build of better-sqlite3: the headers of Electron ${electronVersion} could not be fetched ` +
        `from ${notFoundUrl} (HTTP 404), so better-sqlite3 cannot be built for Electron.`,
    );
    expect(requests).toContain(`HEAD /v${electronVersion}/node-v${electronVersion}-headers.tar.gz`);
  });

  it('an unreachable server: skipped, nothing written', async () => {
    const outDir = join(tmp, 'out-refused');
    const result = await ensureElectronNative({ root, outDir, headersUrl: refusedUrl, electronGypDir: noCachedHeaders(), log: quiet });
    expect(result.status).toBe('skipped');
    expect(result.reason).toMatch(new RegExp(`headers of Electron ${electronVersion.replace(/\./g, '\\.')} could not be fetched .*ECONNREFUSED`));
    expect(existsSync(outDir)).toBe(false);
  });

  it('a new Electron (stale stamp) needs a rebuild: it goes for the headers, and skips', async () => {
    const outDir = join(tmp, 'out-stale');
    mkdirSync(outDir);
    writeFileSync(join(outDir, BINDING_FILE), 'old build');
    writeStamp(outDir, expectedStamp({ electronVersion: '39.0.0', abi: '140', platform: process.platform, arch: process.arch, moduleVersion }));
    const result = await ensureElectronNative({ root, outDir, headersUrl: refusedUrl, electronGypDir: noCachedHeaders(), log: quiet });
    expect(result.status).toBe('skipped');
    expect(result.reason).toContain('ECONNREFUSED');
  });

  it('a current build is kept without any download', async () => {
    const outDir = join(tmp, 'out-current');
    mkdirSync(outDir);
    writeFileSync(join(outDir, BINDING_FILE), 'current build');
    const stamp = await currentStamp(root);
    expect(stamp).toMatchObject({ electron: electronVersion, moduleVersion, abi: expect.stringMatching(/^\d+$/) });
    writeStamp(outDir, stamp!);
    const result = await ensureElectronNative({ root, outDir, headersUrl: refusedUrl, electronGypDir: noCachedHeaders(), log: quiet });
    expect(result).toEqual({ status: 'current', path: join(outDir, BINDING_FILE) });
    expect(readdirSync(outDir).sort()).toEqual([BINDING_FILE, 'stamp.json']);
  });

  it('no Electron installed: skipped, saying so', async () => {
    const bare = join(tmp, 'bare-project');
    mkdirSync(bare);
    writeFileSync(join(bare, 'package.json'), '{"name":"bare","version":"0.0.0"}');
    const result = await ensureElectronNative({ root: bare, headersUrl: refusedUrl, electronGypDir: noCachedHeaders(), log: quiet });
    expect(result).toEqual({ status: 'skipped', reason: 'Electron is not installed (it is a dev dependency: run npm ci)' });
    expect(existsSync(join(bare, 'dist'))).toBe(false);
  });
});
