/**
 * A signed report on A0001 exported as DICOM SR + SEG (radground export --sr --seg) is valid for
 * dicom3tools' dciodvfy (zero errors) and DCMTK's dsrdump, which reads every sentence and the
 * sentence → measurement group references; SR and SEG share the regions' tracking UIDs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import { createLogger } from '../../../electron/core/logging/logger';
import { exportReportDicom } from '../../../electron/core/standards';
import { readPart10, writePart10 } from '../../../electron/core/standards/dcmjs-writer';
import { assertDcmtk, hasDcmtk, requireDcmtk } from '../../support/dcmtk';
import { projectRoot, requireSharedData } from '../../support/shared-data';
import { cliJson, signedA0001Report } from '../../support/signed-a0001';

// Counts the Part 10 files dcmjs writes on this (the calling) thread; the DICOM worker has its own copy.
vi.mock('../../../electron/core/standards/dcmjs-writer', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/standards/dcmjs-writer')>();
  return { ...real, writePart10: vi.fn(real.writePart10) };
});

const hasDciodvfy = spawnSync('dciodvfy', ['-help'], { stdio: 'ignore' }).error === undefined;
const run = requireSharedData() && ((hasDcmtk && hasDciodvfy) || requireDcmtk);

/** dciodvfy's messages (it writes them on stderr and exits 0 or not regardless). */
function dciodvfy(file: string): string[] {
  const r = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`.split('\n').filter(Boolean);
}

describe.skipIf(!run)('signed report as DICOM SR + SEG (A0001)', () => {
  let fixture: Awaited<ReturnType<typeof signedA0001Report>>;
  let sr: string;
  let seg: string;

  beforeAll(async () => {
    assertDcmtk();
    if (!hasDciodvfy) throw new Error('dciodvfy (dicom3tools) is not installed; CI=true requires it');
    fixture = await signedA0001Report();
    sr = join(fixture.dataDir, 'report-sr.dcm');
    seg = join(fixture.dataDir, 'report-seg.dcm');
    const exported = await cliJson<{ written: string[] }>(['export', fixture.reportId, '--sr', sr, '--seg', seg, '--data-dir', fixture.dataDir]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.value.written).toEqual([sr, seg]);
  });
  afterAll(() => fixture && rmSync(fixture.dataDir, { recursive: true, force: true }));

  it('both pass dciodvfy with zero errors', () => {
    for (const file of [sr, seg]) {
      const messages = dciodvfy(file);
      expect(messages.filter((m) => /^Error/.test(m)), file).toEqual([]);
    }
    expect(dciodvfy(sr)).toContain('Comprehensive3DSR');
    expect(dciodvfy(seg)).toContain('Segmentation');
  });

  it('dsrdump reads the SR: verified, complete, every sentence, and the links to measurement groups', () => {
    const dump = execFileSync('dsrdump', ['+Pl', sr], { encoding: 'utf8' });
    expect(dump).toContain('Verification Flag   : VERIFIED');
    expect(dump).toContain('Completion Flag     : COMPLETE');
    expect(dump).toContain('Reader^Jane');
    for (const s of fixture.sentences) expect(dump).toContain(`="${s.text}"`);
    const linked = fixture.sentences.filter((s) => s.regionIds.length).length;
    expect(linked).toBeGreaterThan(0);
    expect((dump.match(/<inferred from 1\.\d+\.\d+>/g) ?? []).length).toBeGreaterThanOrEqual(linked);
    expect(dump).toMatch(/Long Axis"\)="[\d.]+" \(mm,UCUM/);
    expect(dump).toContain('(309529002,SCT,"Mass of lung")');
  });

  it('the SEG has one segment per linked region with a mask, tracked like the SR groups, referencing the source series', async () => {
    const s = await readPart10(readFileSync(sr));
    const g = await readPart10(readFileSync(seg));
    const groups = ((s.ContentSequence as any[]).find((i) => i.ConceptNameCodeSequence[0].CodeValue === '126010').ContentSequence as any[]) ?? [];
    const trackingUids = groups.map((grp) => (grp.ContentSequence as any[]).find((i) => i.ConceptNameCodeSequence[0].CodeValue === '112040').UID);
    const segments = g.SegmentSequence as any[];
    const linkedRegions = new Set(fixture.sentences.flatMap((x) => x.regionIds));
    expect(segments.length).toBe(linkedRegions.size);
    expect(segments.map((x) => x.TrackingUID).sort()).toEqual([...trackingUids].sort());
    expect(g.StudyInstanceUID).toBe(s.StudyInstanceUID);
    expect(g.SegmentationType).toBe('BINARY');
    const referencedSeries = (g.ReferencedSeriesSequence as any[])[0];
    expect((referencedSeries.ReferencedInstanceSequence as any[]).length).toBe(64);
    // Frames carry pixels: at least one set bit per frame.
    const pixels = new Uint8Array(Array.isArray(g.PixelData) ? (g.PixelData as ArrayBuffer[])[0]! : (g.PixelData as ArrayBuffer));
    const frameBytes = (Number(g.Rows) * Number(g.Columns)) / 8;
    for (let f = 0; f < Number(g.NumberOfFrames); f++) expect(pixels.subarray(f * frameBytes, (f + 1) * frameBytes).some((b) => b !== 0)).toBe(true);
  });

  it('writes the SR and SEG in a DICOM worker thread, not on the thread serving the API: the same files again', async () => {
    const before = vi.mocked(writePart10).mock.calls.length;
    const core = await createAppCore({ dataDir: fixture.dataDir, logger: createLogger({ write: () => {} }), modelsDir: join(projectRoot, 'native-models') });
    try {
      const objects = await exportReportDicom(core, fixture.reportId);
      expect(vi.mocked(writePart10).mock.calls.length).toBe(before);
      // UIDs derive from the signed report: the worker's files equal the ones the CLI wrote, which pass dciodvfy above.
      expect(Buffer.compare(objects.sr, readFileSync(sr))).toBe(0);
      expect(Buffer.compare(objects.seg!, readFileSync(seg))).toBe(0);
    } finally {
      await core.close();
    }
  });
});
