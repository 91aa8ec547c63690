/**
 * Issue 13.7: the paths the desktop app is opened with, read from a command line as hostile input:
 * Electron/Chromium switches and the executable/app path skipped, relative paths resolved against the
 * launch's working directory, only existing folders, DICOMDIRs and DICOM files kept (real files in a
 * temporary folder), caps on count and length, a deadline on the checks.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importablePaths, launchArguments, launchPaths, MAX_LAUNCH_ARGS, type LaunchFs } from '../../../electron/main/launch-paths';
import { IMPORT_PATHS_MAX } from '../../../electron/shared/api/channels/study-channels';

const packaged = { defaultApp: false, platform: 'linux' as const };
const dev = { defaultApp: true, platform: 'linux' as const };

describe('launchArguments: which command-line arguments may be paths', () => {
  it('packaged: skips the executable and every switch (Electron, Chromium, macOS -psn_)', () => {
    expect(launchArguments(['/opt/RadGround/radground', '--no-sandbox', 'study', '--inspect=9229', '-psn_0_12345', '/data/CT'], packaged)).toEqual(['study', '/data/CT']);
  });

  it('development (`electron .`, `electron dist/main/main.cjs`, switches first): skips the app path too', () => {
    expect(launchArguments(['/x/electron', '.', '/data/CT'], dev)).toEqual(['/data/CT']);
    expect(launchArguments(['/x/electron', '--inspect=0', 'dist/main/main.cjs', 'a.dcm'], dev)).toEqual(['a.dcm']);
    expect(launchArguments(['/x/electron', '/work/main', '--user-data-dir=/tmp/u', '--remote-debugging-port=0'], dev)).toEqual([]);
  });

  it('after a lone "--" everything is an argument; Windows "/switch" is a switch there only', () => {
    expect(launchArguments(['exe', '--', '-odd-name.dcm'], packaged)).toEqual(['-odd-name.dcm']);
    expect(launchArguments(['exe', '/allow-file-access', 'C:\\Studies\\CT'], { defaultApp: false, platform: 'win32' })).toEqual(['C:\\Studies\\CT']);
    expect(launchArguments(['exe', '/data/CT'], packaged)).toEqual(['/data/CT']);
  });

  it('file:// URLs (Linux desktop files pass %U) become paths; other URLs are dropped', () => {
    expect(launchArguments(['exe', 'file:///home/reader/a%20b.dcm', 'https://evil.example/x.dcm', 'smb://server/share', 'file://remote-host/x.dcm'], packaged)).toEqual(['/home/reader/a b.dcm']);
  });

  it('hostile input: non-strings, empty, NUL, over-long and far-away arguments are skipped, never thrown on', () => {
    expect(launchArguments(['exe', 7, null, {}, '', 'a\0b', 'x'.repeat(5000), 'ok.dcm'] as unknown[], packaged)).toEqual(['ok.dcm']);
    expect(launchArguments(undefined as unknown as unknown[], packaged)).toEqual([]);
    expect(launchArguments('not an array' as unknown as unknown[], packaged)).toEqual([]);
    const many = ['exe', ...Array.from({ length: MAX_LAUNCH_ARGS + 500 }, (_, i) => `p${i}`)];
    const args = launchArguments(many, packaged);
    expect(args).toHaveLength(MAX_LAUNCH_ARGS);
    expect(args.at(-1)).toBe(`p${MAX_LAUNCH_ARGS - 1}`);
  });
});

describe('importablePaths / launchPaths on real files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radground-launch-'));
    mkdirSync(join(dir, 'CT'));
    writeFileSync(join(dir, 'CT', 'DICOMDIR'), 'x');
    writeFileSync(join(dir, 'a.dcm'), 'x');
    writeFileSync(join(dir, 'b.DICOM'), 'x');
    const part10 = new Uint8Array(200);
    part10.set([0x44, 0x49, 0x43, 0x4d], 128);
    writeFileSync(join(dir, 'IM0001'), part10);
    writeFileSync(join(dir, 'notes.txt'), 'not dicom, even with DICM somewhere: DICM');
    writeFileSync(join(dir, 'short'), 'DICM');
    execFileSync('mkfifo', [join(dir, 'pipe.dcm')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps folders, DICOMDIRs, .dcm/.dicom files and files with the DICM signature; resolves relative paths; drops the rest', async () => {
    const argv = ['/opt/RadGround/radground', '--no-sandbox', 'CT', 'CT/DICOMDIR', './a.dcm', join(dir, 'b.DICOM'), 'IM0001', 'notes.txt', 'short', 'missing', 'pipe.dcm', '/dev/null'];
    expect(await launchPaths(argv, dir, packaged)).toEqual([join(dir, 'CT'), join(dir, 'CT', 'DICOMDIR'), join(dir, 'a.dcm'), join(dir, 'b.DICOM'), join(dir, 'IM0001')]);
  });

  it('a file:// URL and the same path twice give one path', async () => {
    const url = pathToFileURL(join(dir, 'a.dcm')).toString();
    expect(await launchPaths(['exe', url, join(dir, 'a.dcm'), './a.dcm', 'CT/../a.dcm'], dir, packaged)).toEqual([join(dir, 'a.dcm')]);
  });

  it('relative paths without a usable working directory are dropped, absolute ones kept', async () => {
    for (const cwd of [undefined, 42, '', 'relative/dir']) {
      expect(await importablePaths(['a.dcm', join(dir, 'CT')], cwd)).toEqual([join(dir, 'CT')]);
    }
  });

  it(`at most ${IMPORT_PATHS_MAX} paths`, async () => {
    const argv = ['exe', ...Array.from({ length: IMPORT_PATHS_MAX + 50 }, (_, i) => `CT/../CT/${'./'.repeat(i % 3)}DICOMDIR-${i}`), 'CT'];
    const everything: LaunchFs = { stat: async () => ({ isFile: () => false, isDirectory: () => true }), readHead: async () => new Uint8Array() };
    const paths = await launchPaths(argv, dir, packaged, everything);
    expect(paths).toHaveLength(IMPORT_PATHS_MAX);
    expect(paths).not.toContain(join(dir, 'CT'));
  });

  it('a check that never answers (a dead network share) is dropped at the deadline; the others are kept', async () => {
    const hanging: LaunchFs = {
      stat: (path) => (path.includes('hang') ? new Promise(() => {}) : Promise.resolve({ isFile: () => false, isDirectory: () => true })),
      readHead: async () => new Uint8Array(),
    };
    const started = Date.now();
    expect(await importablePaths(['/net/hang', '/data/CT'], '/', hanging, 100)).toEqual(['/data/CT']);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
