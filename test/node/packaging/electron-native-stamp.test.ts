// The stamp that decides when better-sqlite3 is rebuilt for Electron.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedStamp, readStamp, STAMP_FILE, stampIsCurrent, writeStamp } from '../../../build/electron-native/stamp.mjs';

const built = expectedStamp({ electronVersion: '40.8.5', abi: '143', platform: 'linux', arch: 'x64', moduleVersion: '12.6.2' });

describe('stampIsCurrent', () => {
  it('a build for the same Electron, ABI, platform, arch and better-sqlite3 is kept', () => {
    expect(stampIsCurrent({ ...built }, built)).toBe(true);
  });

  it.each([
    ['another Electron', { electronVersion: '40.9.0', abi: '143' }],
    ['another ABI', { abi: '145' }],
    ['an unknown ABI', { abi: null }],
    ['another arch', { arch: 'arm64' }],
    ['another platform', { platform: 'darwin' }],
    ['another better-sqlite3', { moduleVersion: '12.7.0' }],
  ])('%s: rebuilt', (_, change) => {
    const now = expectedStamp({ electronVersion: '40.8.5', abi: '143', platform: 'linux', arch: 'x64', moduleVersion: '12.6.2', ...change });
    expect(stampIsCurrent(built, now)).toBe(false);
  });

  it.each([null, undefined, 'x', 42, {}, { electron: '40.8.5' }])('no usable stamp (%j): rebuilt', (stamp) => {
    expect(stampIsCurrent(stamp, built)).toBe(false);
  });
});

describe('readStamp / writeStamp', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'radground-stamp-'));
    dirs.push(d);
    return d;
  };

  it('reads back what it wrote', () => {
    const dir = tmp();
    writeStamp(dir, built);
    expect(stampIsCurrent(readStamp(dir), built)).toBe(true);
  });

  it('no stamp or a damaged one reads as none', () => {
    const dir = tmp();
    expect(readStamp(dir)).toBeNull();
    writeFileSync(join(dir, STAMP_FILE), '{"electron": "40.8');
    expect(readStamp(dir)).toBeNull();
  });
});
