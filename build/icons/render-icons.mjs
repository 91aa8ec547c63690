// Renders resources/icon.svg into what electron-builder's targets read (resvg compiled to
// WebAssembly, from the npm registry; nothing is downloaded): icon.png (1024), icon.ico (Windows),
// icon.icns (macOS) and icons/<N>x<N>.png (Linux). Usage: node build/icons/render-icons.mjs [outDir]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIcns } from './icns.mjs';
import { encodeIco } from './ico.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** electron-builder's buildResources folder (electron-builder.json "directories.buildResources"). */
export const ICON_OUT_DIR = join(root, 'dist', 'build-resources');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

let ready;
async function resvg() {
  const require = createRequire(join(root, 'package.json'));
  const module = await import('@resvg/resvg-wasm');
  ready ??= module.initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  await ready;
  return module.Resvg;
}

/** The SVG as PNGs, one per size (square). */
export async function renderPngs(svg, sizes) {
  const Resvg = await resvg();
  return sizes.map((size) => {
    const image = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
    return { size, png: Buffer.from(image.asPng()) };
  });
}

export async function renderIcons(outDir = ICON_OUT_DIR, svgPath = join(root, 'resources', 'icon.svg')) {
  const svg = readFileSync(svgPath, 'utf8');
  const all = await renderPngs(svg, [...new Set([...ICO_SIZES, ...ICNS_SIZES, ...LINUX_SIZES])].sort((a, b) => a - b));
  const pick = (sizes) => all.filter((image) => sizes.includes(image.size));
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const { size, png } of pick(LINUX_SIZES)) writeFileSync(join(outDir, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(outDir, 'icon.png'), pick([1024])[0].png);
  writeFileSync(join(outDir, 'icon.ico'), encodeIco(pick(ICO_SIZES)));
  writeFileSync(join(outDir, 'icon.icns'), encodeIcns(pick(ICNS_SIZES)));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await renderIcons(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stderr.write(`RadGround: icons rendered into ${out}\n`);
}
