import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { listRejectedFiles } from '../../../electron/core/study-index';
import { testCoreWithEvents } from '../../support/test-core-with-events';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

const A0001 = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');

describe.skipIf(!hasData)(`import into the study index (${hasData ? 'real data' : NO_SHARED_DATA_REASON})`, () => {
  const t = testCoreWithEvents();
  const { events } = t;

  it('imports the A0001 chest CT as one 512x512x64 volume and lists the licence text as rejected', async () => {
    const summary = await call(t.env.core, 'studies.import', { paths: [A0001] });
    expect(summary.added).toEqual({ patients: 1, studies: 1, series: 1, instances: 64 });
    expect(summary.volumes).toHaveLength(1);
    const [volume] = summary.volumes;
    expect(volume!.dims).toEqual([512, 512, 64]);
    expect(volume!.spacing[0]).toBeCloseTo(0.842, 3);
    expect(volume!.spacing[2]).toBeCloseTo(5, 3);
    expect(summary.rejected.map((r) => r.path.split('/').pop())).toEqual(['TCIA_LICENSE.txt']);
    expect(summary.rejected[0]!.reason).toMatch(/not a DICOM/);
    const phases = events.filter((e) => e.type === 'import.progress').map((e) => (e as { phase: string }).phase);
    expect(phases[0]).toBe('scanning');
    expect(phases).toContain('reading');
    expect(phases.at(-1)).toBe('done');
    expect(events.some((e) => e.type === 'studies.changed')).toBe(true);
  });

  it('adds nothing when the same folder is imported again, and logs the known files apart from the failed one', async () => {
    const again = await call(t.env.core, 'studies.import', { paths: [A0001] });
    expect(again.added).toEqual({ patients: 0, studies: 0, series: 0, instances: 0 });
    expect((await call(t.env.core, 'studies.list', {})).total).toBe(1);
    const finished = t.env.logs.map((l) => JSON.parse(l) as { msg: string; importId?: string; alreadyImported?: number; rejected?: number }).filter((l) => l.msg === 'import finished' && l.importId === again.importId);
    // 64 slices known already, and the licence text (not DICOM) the only failure.
    expect(finished.map(({ alreadyImported, rejected }) => ({ alreadyImported, rejected }))).toEqual([{ alreadyImported: 64, rejected: 1 }]);
  });

  it('keeps importing past corrupt files and says why each was refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-corrupt-'));
    const files = readdirSync(A0001).filter((f) => f.endsWith('.dcm')).sort();
    // Two good slices of the real series, plus damaged copies of a third.
    for (const f of files.slice(0, 2)) copyFileSync(join(A0001, f), join(dir, f));
    const good = readFileSync(join(A0001, files[2]!));
    writeFileSync(join(dir, 'zero.dcm'), new Uint8Array(0));
    writeFileSync(join(dir, 'truncated.dcm'), good.subarray(0, 300));
    const wrongMagic = Buffer.from(good);
    wrongMagic.write('DICX', 128, 'latin1');
    writeFileSync(join(dir, 'wrong-magic.dcm'), wrongMagic);
    writeFileSync(join(dir, 'notes.txt'), 'not an image');

    const summary = await call(t.env.core, 'studies.import', { paths: [dir, join(dir, 'missing-folder')] });
    const failed = summary.rejected.filter((r) => r.code !== 'ALREADY_IMPORTED');
    const reasons = Object.fromEntries(failed.map((r) => [r.path.split('/').pop(), r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['missing-folder', 'notes.txt', 'truncated.dcm', 'wrong-magic.dcm', 'zero.dcm']);
    const codes = Object.fromEntries(failed.map((r) => [r.path.split('/').pop(), r.code]));
    expect(codes).toMatchObject({ 'missing-folder': 'NOT_FOUND', 'notes.txt': 'NOT_DICOM', 'wrong-magic.dcm': 'NOT_DICOM', 'truncated.dcm': 'CORRUPT_INPUT' });
    // The two intact copies were imported before (from the series folder): they say so.
    expect(summary.rejected.filter((r) => r.code === 'ALREADY_IMPORTED').map((r) => r.path.split('/').pop()).sort()).toEqual(files.slice(0, 2));
    expect(reasons['zero.dcm']).toMatch(/empty|zero|0 bytes/i);
    expect(reasons['missing-folder']).toMatch(/no such file/);
    // The two intact slices were already indexed by the first import: nothing lost, nothing duplicated.
    expect(summary.added.instances).toBe(0);
    const rejectedRows = listRejectedFiles(t.env.core.db).map((r) => r.path.split('/').pop());
    expect(rejectedRows).toEqual(expect.arrayContaining(['zero.dcm', 'truncated.dcm', 'wrong-magic.dcm']));
  });

  it('serves a 128-pixel PNG thumbnail of the middle image, decoding that image only', async () => {
    const [study] = (await call(t.env.core, 'studies.list', {})).rows;
    const volumeId = (await call(t.env.core, 'studies.get', { studyInstanceUid: study!.studyInstanceUid })).volumes[0]!.volumeId;
    const { meta, data } = await call(t.env.core, 'volumes.thumbnail', { volumeId });
    expect(meta).toEqual({ width: 128, height: 128, mimeType: 'image/png' });
    const png = Buffer.from(data);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });

  it('serves the volume as binary with its geometry, LPS direction and per-slice UIDs', async () => {
    const [study] = (await call(t.env.core, 'studies.list', {})).rows;
    const detail = await call(t.env.core, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
    const volumeId = detail.volumes[0]!.volumeId;
    const geometry = await call(t.env.core, 'volumes.getGeometry', { volumeId });
    expect(geometry.sopInstanceUids).toHaveLength(64);
    expect(new Set(geometry.sopInstanceUids).size).toBe(64);
    const { meta, data } = await call(t.env.core, 'volumes.get', { volumeId });
    expect(meta.dataType).toBe('int16');
    expect(data.byteLength).toBe(512 * 512 * 64 * 2);
    expect(meta.scalarRange[0]).toBeLessThanOrEqual(-1000);
    expect(meta.units).toBe('HU');
  });
});
