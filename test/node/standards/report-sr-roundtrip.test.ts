/**
 * Reading a signed report back from its DICOM SR + SEG (issue 11, item 4), on the real A0001 CT:
 * draft, edit a sentence, sign, export SR + SEG (dciodvfy 0 errors, dsrdump reads the edit), then
 * import the SR + SEG with the CT into a FRESH data folder. The restored report has the same sections,
 * sentences in order and sentence → region links (by tracking UID); its regions the same labels,
 * codes, laterality, zone and measurements, and masks with Dice >= 0.95 against the original. It is
 * read-only (typed CONFLICT for every write), verifies as imported (never as signed here), an
 * addendum SR restores as its addendum, an SR without its SEG still restores (boxes, no masks, said
 * so), and an SR whose text was altered restores as what it says: RadGround cannot check a foreign
 * signature, it records the digest of the SR it received.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { isRadGroundError } from '../../../electron/core/errors/radground-error';
import { createLogger } from '../../../electron/core/logging/logger';
import { getRegion } from '../../../electron/core/regions/region-repository';
import { maskToIndices } from '../../../electron/core/regions/region-mask';
import type { Region } from '../../../electron/core/regions/region';
import { exportReportDicom } from '../../../electron/core/standards';
import { trackingOf } from '../../../electron/core/standards/tracking';
import type { ReportView } from '../../../electron/shared/api/channels/report-schemas';
import { assertDcmtk, hasDcmtk, requireDcmtk } from '../../support/dcmtk';
import { projectRoot, requireSharedData } from '../../support/shared-data';
import { A0001, cliJson } from '../../support/signed-a0001';

const hasDciodvfy = spawnSync('dciodvfy', ['-help'], { stdio: 'ignore' }).error === undefined;
const run = requireSharedData() && ((hasDcmtk && hasDciodvfy) || requireDcmtk);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function dciodvfyErrors(file: string): string[] {
  const r = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`.split('\n').filter((m) => /^Error/.test(m));
}

const openCore = (dataDir: string) => createAppCore({ dataDir, logger: createLogger({ write: () => {} }), modelsDir: join(projectRoot, 'native-models') });

async function withCore<T>(dataDir: string, fn: (core: AppCore) => T | Promise<T>): Promise<T> {
  const core = await openCore(dataDir);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** The CLI's text output (no --json). */
async function cliText(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none', modelsDir: join(projectRoot, 'native-models') });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const sectionsOf = (r: ReportView) => r.sections.filter((s) => s.sentences.length).map((s) => ({ name: s.name, texts: s.sentences.map((x) => x.text) }));

function dice(a: Region, b: Region): number {
  const x = maskToIndices(a.mask!);
  const y = new Set(maskToIndices(b.mask!));
  let both = 0;
  for (const v of x) if (y.has(v)) both++;
  return (2 * both) / (x.length + y.size);
}

describe.skipIf(!run)('signed report read back from its DICOM SR + SEG (A0001)', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'radground-restore-'));
    dirs.push(d);
    return d;
  };
  let source: string;
  let original: ReportView;
  let regions: Map<string, Region>;
  let sr: string;
  let seg: string;
  let srUid: string;
  let edited: string;
  let restoredDir: string;
  let restored: ReportView;

  beforeAll(async () => {
    assertDcmtk();
    if (!hasDciodvfy) throw new Error('dciodvfy (dicom3tools) is not installed; CI=true requires it');
    source = fresh();
    const draft = await cliJson<{ report: { id: string } }>(['draft', A0001(), '--data-dir', source]);
    expect(draft.code, draft.stderr).toBe(0);
    const reportId = draft.value.report.id;
    await withCore(source, async (core) => {
      const before = core.reports.getReport(reportId);
      const technique = before.sections.find((s) => s.name === 'technique')!.sentences[0]!;
      edited = `${technique.text.replace(/\.$/, '')} of the chest, reviewed by the reader.`;
      core.reports.updateSentence(technique.id, edited, 'Jane Reader');
      original = core.reports.sign(reportId, 'Jane Reader', { reason: 'reviewed in test' });
      regions = new Map(original.sections.flatMap((s) => s.sentences.flatMap((x) => x.regionIds)).map((id) => [id, getRegion(core.db, id)]));
      const objects = await exportReportDicom(core, reportId);
      srUid = objects.srSopInstanceUid;
      sr = join(source, 'report-sr.dcm');
      seg = join(source, 'report-seg.dcm');
      writeFileSync(sr, objects.sr);
      writeFileSync(seg, objects.seg!);
    });
    restoredDir = fresh();
    const imported = await cliJson(['import', sr, seg, A0001(), '--data-dir', restoredDir]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.value.reportsRestored).toHaveLength(1);
    // Every DICOM file is used (the SR restored, not rejected); only the licence text is not DICOM.
    expect(imported.value.rejected.map((r: { code: string }) => r.code)).toEqual(['NOT_DICOM']);
    restored = await withCore(restoredDir, (core) => core.reports.getReport(imported.value.reportsRestored[0].reportId));
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the exported SR and SEG pass the validators and carry the edited sentence', () => {
    expect(dciodvfyErrors(sr)).toEqual([]);
    expect(dciodvfyErrors(seg)).toEqual([]);
    expect(execFileSync('dsrdump', ['+Pl', '+U8', sr], { encoding: 'utf8' })).toContain(`="${edited}"`);
    expect(original.sections.flatMap((s) => s.sentences).filter((s) => s.regionIds.length).length).toBeGreaterThan(0);
  });

  it('restores the same sections, sentences in order and sentence → region links (by tracking UID)', async () => {
    expect(restored.status).toBe('final');
    expect(restored.studyInstanceUid).toBe(original.studyInstanceUid);
    expect(sectionsOf(restored)).toEqual(sectionsOf(original));
    expect(restored.sections.flatMap((s) => s.sentences).map((s) => s.text)).toContain(edited);
    expect(restored.signedBy).toBe('Jane Reader');
    expect(Date.parse(restored.signedAt!)).toBe(Math.floor(Date.parse(original.signedAt!) / 1000) * 1000);
    expect(restored.imported).toMatchObject({ srSopInstanceUid: srUid, source: 'file', signer: 'Jane Reader', verificationFlag: 'VERIFIED', srDigest: sha(readFileSync(sr)), notes: [] });
    await withCore(restoredDir, (core) => {
      const links = (r: ReportView, region: (id: string) => Region) => r.sections.flatMap((s) => s.sentences.map((x) => x.regionIds.map((id) => trackingOf(region(id)).uid).sort()));
      expect(links(restored, (id) => getRegion(core.db, id))).toEqual(links(original, (id) => regions.get(id)!));
    });
  });

  it('restores each region: label, code, laterality, zone, measurements within rounding, masks with Dice >= 0.95', async () => {
    await withCore(restoredDir, (core) => {
      const byTracking = new Map([...regions.values()].map((r) => [trackingOf(r).uid, r]));
      const ids = [...new Set(restored.sections.flatMap((s) => s.sentences.flatMap((x) => x.regionIds)))];
      expect(ids.length).toBe(byTracking.size);
      for (const id of ids) {
        const back = getRegion(core.db, id);
        const was = byTracking.get(trackingOf(back).uid)!;
        expect(trackingOf(back)).toEqual(trackingOf(was));
        expect({ label: back.label, code: back.code, laterality: back.laterality, zone: back.zone, series: back.seriesInstanceUid, frame: back.frameOfReferenceUid }).toEqual({
          label: was.label,
          code: was.code,
          laterality: was.laterality,
          zone: was.zone,
          series: was.seriesInstanceUid,
          frame: was.frameOfReferenceUid,
        });
        for (const k of ['diameterMm', 'meanHu'] as const) {
          if (was[k] === null) expect(back[k]).toBeNull();
          else expect(back[k]).toBeCloseTo(was[k], 3);
        }
        expect(back.volumeMl).toBeCloseTo(was.volumeMl, 2);
        for (const a of [0, 1, 2]) {
          expect(back.worldBox.min[a]).toBeCloseTo(was.worldBox.min[a]!, 2);
          expect(back.worldBox.max[a]).toBeCloseTo(was.worldBox.max[a]!, 2);
        }
        expect(back.mask?.dims).toEqual(was.mask!.dims);
        expect(dice(back, was)).toBeGreaterThanOrEqual(0.95);
        expect(back.volumeId).toBe(was.volumeId);
      }
    });
  });

  it('its own SR coming back to the workstation that signed it restores nothing (the report is there)', async () => {
    const back = await cliJson(['import', sr, seg, '--data-dir', source]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.value.reportsRestored).toEqual([]);
    expect(back.value.rejected.find((r: { path: string }) => r.path === sr)).toEqual({ path: sr, code: 'ALREADY_IMPORTED', reason: `the SR of report ${original.id}, signed on this workstation` });
  });

  it('the CLI: import says "Reports restored: 1" and report show prints the import banner', async () => {
    const again = await cliText(['import', sr, '--data-dir', restoredDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already restored as report');
    const other = fresh();
    const text = await cliText(['import', sr, seg, A0001(), '--data-dir', other]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Reports restored: 1 /);
    const show = await cliText(['report', 'show', restored.id, '--data-dir', restoredDir]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`Imported from a file (DICOM SR ${srUid}): signed by Jane Reader at ${restored.signedAt}`);
    expect(show.stdout).toContain('read-only, not signed on this workstation');
    expect(show.stderr).toBe('');
  });

  it('is read-only: edits, status changes, signing, addenda and deletion are refused with CONFLICT', async () => {
    await withCore(restoredDir, (core) => {
      const sentence = restored.sections.find((s) => s.name === 'findings')!.sentences[0]!;
      const region = sentence.regionIds[0]!;
      const refused = (fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          expect(isRadGroundError(e) && e.code).toBe('CONFLICT');
          return (e as Error).message;
        }
        throw new Error('not refused');
      };
      expect(refused(() => core.reports.updateSentence(sentence.id, 'Changed.', 'Mallory'))).toMatch(/imported from a DICOM SR signed elsewhere; it is read-only/);
      refused(() => core.reports.addSentence(restored.id, 'findings', 'Another finding.'));
      refused(() => core.reports.deleteSentence(sentence.id));
      refused(() => core.reports.unlinkRegion(sentence.id, region));
      refused(() => core.reports.setStatus(restored.id, 'draft'));
      expect(refused(() => core.reports.sign(restored.id, 'Mallory'))).toMatch(/signing refused/);
      expect(refused(() => core.reports.addAddendum(restored.id, 'Local addendum.', 'Mallory'))).toMatch(/an addendum refused/);
      expect(() => core.db.prepare('DELETE FROM reports WHERE uid = ?').run(restored.id)).toThrow(/signed: it cannot be deleted/);
      expect(() => core.db.prepare('DELETE FROM imported_documents').run()).toThrow(/append-only/);
      expect(core.reports.getReport(restored.id)).toEqual(restored);
    });
  });

  it('verification accepts it as imported (never as signed here), in the API and radground verify', async () => {
    await withCore(restoredDir, (core) => {
      const v = core.reports.verify(restored.id);
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.notices).toEqual([
        `Imported from SR ${srUid} (read from a file), signed by Jane Reader at ${restored.signedAt} (VERIFIED; not signed on this workstation: the SR carries no signature RadGround can check).`,
      ]);
      const audit = core.reports.audit(restored.id);
      expect(audit.map((e) => [e.action, e.actor])).toEqual([
        ['create', 'RadGround import'],
        ['sign', 'Jane Reader'],
      ]);
      expect(audit[1]!.detail).toMatchObject({ imported: { srSopInstanceUid: srUid } });
    });
    const cli = await cliText(['verify', '--all', '--data-dir', restoredDir]);
    expect(cli.code, cli.stdout).toBe(0);
    expect(cli.stdout).toContain(`ok     ${restored.id}\n  Imported from SR ${srUid}`);
    expect(cli.stdout).toMatch(/ok {5}signature ledger \(1 entries\)/);
  });

  it('an addendum SR restores as the addendum of the imported report (predecessor present)', async () => {
    const addendumSr = join(source, 'addendum-sr.dcm');
    const text = 'Addendum: discussed with the referring physician.';
    await withCore(source, async (core) => {
      core.reports.addAddendum(original.id, text, 'Jane Reader');
      const objects = await exportReportDicom(core, original.id);
      writeFileSync(addendumSr, objects.sr);
    });
    expect(dciodvfyErrors(addendumSr)).toEqual([]);
    const dir = fresh();
    const first = await cliJson(['import', sr, seg, A0001(), '--data-dir', dir]);
    const second = await cliJson(['import', addendumSr, '--data-dir', dir]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.value.reportsRestored).toMatchObject([{ kind: 'addenda', reportId: first.value.reportsRestored[0].reportId }]);
    await withCore(dir, (core) => {
      const r = core.reports.getReport(first.value.reportsRestored[0].reportId);
      expect(r.status).toBe('amended');
      expect(r.version).toBe(2);
      expect(r.addenda.map((a) => [a.text, a.author])).toEqual([[text, 'Jane Reader']]);
      expect(sectionsOf(r)).toEqual(sectionsOf(original));
      const v = core.reports.verify(r.id);
      expect(v.problems).toEqual([]);
      expect(v.notices[0]).toContain(`Imported from SR ${srUid}`);
    });
  });

  it('without its SEG the SR still restores sentences, links and boxes (no masks), and says so', async () => {
    const dir = fresh();
    const imported = await cliJson(['import', sr, A0001(), '--data-dir', dir]);
    expect(imported.code, imported.stderr).toBe(0);
    const note = imported.value.reportsRestored[0].notes.join(' ');
    expect(note).toMatch(/SEG .* was not found: regions restored from the SR alone \(boxes, no masks\)/);
    await withCore(dir, (core) => {
      const r = core.reports.getReport(imported.value.reportsRestored[0].reportId);
      expect(sectionsOf(r)).toEqual(sectionsOf(original));
      expect(r.imported?.notes.join(' ')).toContain('no masks');
      for (const id of new Set(r.sections.flatMap((s) => s.sentences.flatMap((x) => x.regionIds)))) {
        const back = getRegion(core.db, id);
        const was = [...regions.values()].find((x) => trackingOf(x).uid === trackingOf(back).uid)!;
        expect(back.mask).toBeNull();
        expect(back.label).toBe(was.label);
        for (const a of [0, 1, 2]) expect(back.worldBox.max[a]).toBeCloseTo(was.worldBox.max[a]!, 2);
      }
      expect(core.reports.verify(r.id).ok).toBe(true);
    });
  });

  it('an SR whose text was altered imports as what it says, with the digest of the file received (no foreign signature to check)', async () => {
    const bytes = readFileSync(sr);
    const sentence = original.sections.find((s) => s.name === 'findings')!.sentences.find((s) => /\d+ mm/.test(s.text))!.text;
    const forged = sentence.replace(/(\d+) mm/, (_m, n: string) => `${[...n].map((d) => String((Number(d) + 1) % 10)).join('')} mm`);
    expect(forged).not.toBe(sentence);
    expect(Buffer.byteLength(forged)).toBe(Buffer.byteLength(sentence));
    const at = bytes.indexOf(Buffer.from(sentence));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.concat([bytes.subarray(0, at), Buffer.from(forged), bytes.subarray(at + Buffer.byteLength(sentence))]);
    const file = join(fresh(), 'tampered-sr.dcm');
    writeFileSync(file, tampered);
    const dir = fresh();
    const imported = await cliJson(['import', file, seg, A0001(), '--data-dir', dir]);
    expect(imported.code, imported.stderr).toBe(0);
    await withCore(dir, (core) => {
      const r = core.reports.getReport(imported.value.reportsRestored[0].reportId);
      const texts = r.sections.flatMap((s) => s.sentences.map((x) => x.text));
      expect(texts).toContain(forged);
      expect(texts).not.toContain(sentence);
      // Shown as the SR states it, signer included; what RadGround can offer is the digest of what it received.
      expect(r.imported?.signer).toBe('Jane Reader');
      expect(r.imported?.srDigest).toBe(sha(tampered));
      expect(r.imported?.srDigest).not.toBe(sha(bytes));
      const v = core.reports.verify(r.id);
      expect(v.ok).toBe(true);
      expect(v.notices[0]).toContain('the SR carries no signature RadGround can check');
    });
  });
});
