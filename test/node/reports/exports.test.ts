import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { renderPhantomVolume } from '../../../electron/core/demo/render';
import { maskFromSortedIndices, maskToIndices } from '../../../electron/core/regions/region-mask';
import { getRegion } from '../../../electron/core/regions/region-repository';
import type { Region } from '../../../electron/core/regions/region';
import { encodeRgbaPng, GroundedReportJsonSchema, type ReportView } from '../../../electron/core/reports';
import { crc32 } from '../../../electron/core/imaging/png-encoder';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { demoFixture } from './support/demo-regions';
import { draftDemo, openReportDb, type ReportDb } from './support/report-db';
import { dicomWorkers } from '../../../electron/core/dicom-worker/dicom-worker-pool';
import { keyImageLayout, keyImagePixelsInput, renderKeyImageRgba } from '../../../electron/core/reports/exports/key-image';
import { renderKeyImagePixels, renderKeyImagePixelsPng } from '../../../electron/core/reports/exports/key-image-pixels';

// Counts the key-image renderings made on this (the calling) thread; the DICOM worker has its own copy.
vi.mock('../../../electron/core/reports/exports/key-image-pixels', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/reports/exports/key-image-pixels')>();
  return { ...real, renderKeyImagePixels: vi.fn(real.renderKeyImagePixels), renderKeyImagePixelsPng: vi.fn(real.renderKeyImagePixelsPng) };
});
const renderedHere = () => vi.mocked(renderKeyImagePixels).mock.calls.length + vi.mocked(renderKeyImagePixelsPng).mock.calls.length;

/** Minimal PNG reader (8-bit RGBA, filters 0-4), checking every CRC. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    expect(png.readUInt32BE(pos + 8 + len)).toBe(crc32(png, pos + 4, pos + 8 + len));
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, pr][f]!) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

describe('PNG encoder', () => {
  it('round-trips RGBA pixels through a decoder with valid CRCs', () => {
    const w = 7;
    const h = 5;
    const rgba = new Uint8Array(w * h * 4).map((_, i) => (i * 37 + (i >> 2) * 11) & 0xff);
    const decoded = decodePng(encodeRgbaPng(rgba, w, h));
    expect(decoded.width).toBe(w);
    expect(decoded.height).toBe(h);
    expect([...decoded.rgba]).toEqual([...rgba]);
    expect(() => encodeRgbaPng(rgba, w + 1, h)).toThrow();
  });
});

describe('exports on the rendered demo phantom', () => {
  const fx = demoFixture();
  let volume: Volume;
  let r: ReportDb;
  let report: ReportView;
  let loads = 0;
  const loadVolume = async (id: string): Promise<Volume> => {
    loads++;
    if (id !== fx.findings.N3!.volumeId) throw new Error(`unknown volume ${id}`);
    return volume;
  };
  const worldToIndex = (p: Vec3): Vec3 => [0, 1, 2].map((a) => (p[a]! - volume.origin[a]!) / volume.spacing[a]!) as Vec3;

  /** N3 with a real mask: voxels denser than -300 HU within 1 mm of its planted sphere. */
  function maskedN3(): Region {
    const n3 = fx.findings.N3!;
    const [nx, ny] = volume.dims;
    const idx: number[] = [];
    const { min, max } = n3.voxelBox;
    for (let k = min[2]; k <= max[2]; k++) {
      for (let j = min[1]; j <= max[1]; j++) {
        for (let i = min[0]; i <= max[0]; i++) {
          const p = [volume.origin[0] + i * volume.spacing[0], volume.origin[1] + j * volume.spacing[1], volume.origin[2] + k * volume.spacing[2]];
          const d = Math.hypot(p[0]! - n3.centroid[0], p[1]! - n3.centroid[1], p[2]! - n3.centroid[2]);
          const v = k * nx * ny + j * nx + i;
          if (d <= n3.diameterMm! / 2 + 1 && volume.scalars[v]! > -300) idx.push(v);
        }
      }
    }
    expect(idx.length).toBeGreaterThan(20);
    return { ...n3, mask: maskFromSortedIndices(idx, volume.dims) };
  }

  beforeAll(() => {
    volume = renderPhantomVolume('current');
    r = openReportDb(':memory:', (f) => [...f.all.filter((x) => x.id !== f.findings.N3!.id), maskedN3()]);
    report = draftDemo(r);
    r.svc.addSentence(report.id, 'findings', 'Note: <script>alert(1)</script> & "quotes".');
    report = r.svc.getReport(report.id);
  }, 120_000);
  afterAll(() => r?.close());

  it('writes a self-contained HTML report with a key image per linked sentence', async () => {
    loads = 0;
    const html = await r.svc.exportHtml(report.id, loadVolume);
    expect(loads).toBe(1); // one volume, loaded once
    const linked = report.sections.flatMap((s) => s.sentences).filter((s) => s.links.length > 0);
    const imgs = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(imgs).toHaveLength(linked.length);
    expect(imgs.every((src) => src.startsWith('data:image/png;base64,'))).toBe(true);
    expect(html).not.toMatch(/https?:|<script|<link|url\(|@import|<iframe/i);
    expect(html).toContain('Note: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;.');
    expect(html).toContain('<style>');
    for (const s of linked) expect(html).toContain(`id="s-${s.id}"`);
    expect(html).toMatch(/lung window \(C -600 \/ W 1500\)/);
  });

  it('draws the key image through the region centroid: lesion bright in the lung window, outlined outside its mask', async () => {
    const json = await r.svc.exportJson(report.id, loadVolume);
    const html = await r.svc.exportHtml(report.id, loadVolume);
    const n3Sentence = report.sections.find((s) => s.name === 'findings')!.sentences.find((s) => s.regionIds[0] === fx.findings.N3!.id)!;
    const entry = json.sentences.find((s) => s.sentenceId === n3Sentence.id)!;
    const k = Math.round(worldToIndex(fx.findings.N3!.centroid)[2]);
    expect(entry.keyImage).toMatchObject({ sliceIndex: k, width: 512, height: 512, sopInstanceUid: volume.sopInstanceUids[k] });

    const src = html.slice(html.indexOf(`id="s-${n3Sentence.id}"`)).match(/src="data:image\/png;base64,([^"]+)"/)![1]!;
    const img = decodePng(Buffer.from(src, 'base64'));
    const px = (x: number, y: number) => [...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];
    const [ci, cj] = worldToIndex(fx.findings.N3!.centroid).map(Math.round) as Vec3;
    const centre = px(ci, cj);
    expect(centre[0]).toBeGreaterThan(200); // ~40 HU in the lung window: near white
    expect(centre[0]).toBe(centre[2]); // grey, not outline color
    const lung = px(ci - 12, cj); // ~9 mm lateral (towards the chest wall): aerated lung
    expect(lung[0]).toBeLessThan(110);
    // The outline: yellow pixels just outside the mask along the row through the centre, none inside.
    const yellow = (p: number[]) => p[0] === 255 && p[1] === 200 && p[2] === 0;
    const mask = getRegion(r.db, fx.findings.N3!.id).mask!;
    const inMask = new Set(maskToIndices(mask));
    const plane = volume.dims[0] * volume.dims[1];
    const rowYellow = Array.from({ length: 30 }, (_, d) => ci - 15 + d).filter((x) => yellow(px(x, cj)));
    expect(rowYellow.length).toBeGreaterThanOrEqual(2);
    for (const x of rowYellow) expect(inMask.has(k * plane + cj * volume.dims[0] + x)).toBe(false);
    expect(rowYellow.some((x) => inMask.has(k * plane + cj * volume.dims[0] + x + 1) || inMask.has(k * plane + cj * volume.dims[0] + x - 1))).toBe(true);

    // The normalised box contains the centroid and is as wide as the nodule (8 mm).
    const [x0, y0, x1, y1] = entry.boxes![0]!;
    expect(ci / 512).toBeGreaterThan(x0);
    expect(ci / 512).toBeLessThan(x1);
    expect(cj / 512).toBeGreaterThan(y0);
    expect(cj / 512).toBeLessThan(y1);
    expect((x1 - x0) * 512 * volume.spacing[0]).toBeGreaterThan(5);
    expect((x1 - x0) * 512 * volume.spacing[0]).toBeLessThan(12);
  });

  it('exports RadFact-style JSON: boxes per linked sentence, null otherwise, plus world boxes and region ids', async () => {
    const json = GroundedReportJsonSchema.parse(await r.svc.exportJson(report.id, loadVolume));
    const sentences = report.sections.flatMap((s) => s.sentences);
    expect(json.sentences.map((s) => s.text)).toEqual(sentences.map((s) => s.text));
    for (const [i, s] of json.sentences.entries()) {
      const linked = sentences[i]!.regionIds;
      expect(s.regionIds).toEqual(linked);
      if (linked.length === 0) {
        expect(s.boxes).toBeNull();
        expect(s.worldBoxes).toEqual([]);
      } else {
        expect(s.boxes!.length).toBeGreaterThanOrEqual(1);
        for (const b of s.boxes!) for (const v of b) expect(v >= 0 && v <= 1).toBe(true);
        expect(s.worldBoxes.map((w) => w.regionId)).toEqual(linked);
        expect(s.worldBoxes[0]!.frameOfReferenceUid).toBe(fx.exam.frameOfReferenceUid);
      }
    }
    // The list sentence of the impression links two nodules on different slices: one box each only if on the key slice.
    const list = json.sentences.find((s) => s.text.startsWith('Additional nodules'))!;
    expect(list.regionIds).toHaveLength(2);
    expect(list.boxes).toHaveLength(1);

    const noVolumes = await r.svc.exportJson(report.id);
    expect(noVolumes.sentences.every((s) => s.boxes === null && s.keyImage === null)).toBe(true);
    expect(noVolumes.sentences.find((s) => s.regionIds.length > 0)!.worldBoxes.length).toBeGreaterThan(0);
  });

  it('renders and encodes the key images in the DICOM worker, not on the thread serving the API, with the same pixels', async () => {
    const before = renderedHere();
    const html = await r.svc.exportHtml(report.id, loadVolume);
    expect(renderedHere()).toBe(before);
    const n3 = getRegion(r.db, fx.findings.N3!.id);
    const n3Sentence = report.sections.find((s) => s.name === 'findings')!.sentences.find((s) => s.regionIds[0] === n3.id)!;
    const src = html.slice(html.indexOf(`id="s-${n3Sentence.id}"`)).match(/src="data:image\/png;base64,([^"]+)"/)![1]!;
    const fromWorker = decodePng(Buffer.from(src, 'base64'));
    const here = renderKeyImageRgba(volume, keyImageLayout(volume, n3.volumeId!, n3, [n3]), [n3]);
    expect(fromWorker.rgba.length).toBe(here.length);
    expect(Buffer.compare(Buffer.from(fromWorker.rgba), Buffer.from(here))).toBe(0);
  });

  it('sends the worker a copy of the slice, transferred, never a view of the cached volume', async () => {
    const n3 = getRegion(r.db, fx.findings.N3!.id);
    const layout = keyImageLayout(volume, n3.volumeId!, n3, [n3]);
    const input = keyImagePixelsInput(volume, layout, [n3], true);
    expect(input.slice.buffer).not.toBe(volume.scalars.buffer);
    const expected = decodePng(renderKeyImagePixelsPng({ ...input, slice: input.slice.slice() }));
    const png = await dicomWorkers().keyImagePng(input);
    expect(input.slice.length).toBe(0); // transferred: detached here
    expect(volume.scalars.length).toBe(volume.dims[0] * volume.dims[1] * volume.dims[2]);
    expect(Buffer.compare(Buffer.from(decodePng(png).rgba), Buffer.from(expected.rgba))).toBe(0);
  });

  it('states in the HTML when a key image cannot be made', async () => {
    const html = await r.svc.exportHtml(report.id, async () => {
      throw new Error('volume gone');
    });
    expect(html).toContain('Key image unavailable: volume demo-current-volume could not be loaded (volume gone).');
    expect(html).not.toContain('<img');
  });
});
