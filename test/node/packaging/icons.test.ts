// The app icon rendered from resources/icon.svg into the containers each OS reads, where
// electron-builder.json looks for them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICON_OUT_DIR, renderIcons } from '../../../build/icons/render-icons.mjs';
import { loadConfig, platformOptions, root } from './support/electron-builder';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'radground-icons-'));
  await renderIcons(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('rendered icons', () => {
  it('icon.png is 1024 px square and not blank', () => {
    const png = readFileSync(join(out, 'icon.png'));
    expect(pngSize(png)).toEqual([1024, 1024]);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('icons/<N>x<N>.png hold N px images (Linux)', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(out, 'icons', `${size}x${size}.png`)))).toEqual([size, size]);
    }
  });

  it('icon.ico: a directory of PNG images up to 256 px (Windows)', () => {
    const ico = readFileSync(join(out, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const declared = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual([declared, declared]);
      sizes.push(declared);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns: typed PNG chunks with the sizes their types stand for (macOS)', () => {
    const icns = readFileSync(join(out, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expectedPx: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const seen: string[] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      const px = expectedPx[type];
      expect(px, type).toBeDefined();
      expect(pngSize(icns.subarray(at + 8, at + length))).toEqual([px, px]);
      seen.push(type);
      at += length;
    }
    expect(seen).toEqual(expect.arrayContaining(['ic09', 'ic10']));
  });
});

describe('the icons electron-builder.json names', () => {
  const config = loadConfig();

  it('are looked for in the folder they are rendered into (buildResources)', () => {
    expect(posix.normalize(config.directories?.buildResources ?? '')).toBe(relative(root, ICON_OUT_DIR).split('\\').join('/'));
  });

  it('all exist once rendered', () => {
    const nsis = config.nsis as Record<string, unknown>;
    const named = [platformOptions(config, 'linux').icon, platformOptions(config, 'win').icon, platformOptions(config, 'mac').icon, nsis.installerIcon, nsis.uninstallerIcon];
    for (const icon of named) {
      expect(typeof icon).toBe('string');
      expect(existsSync(join(out, icon as string)), `${icon as string}`).toBe(true);
    }
    expect(readdirSync(join(out, platformOptions(config, 'linux').icon as string))).toContain('512x512.png');
  });
});
