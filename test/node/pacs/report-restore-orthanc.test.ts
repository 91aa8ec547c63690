/**
 * A signed report sent to a real Orthanc (pacs send: SR + SEG into the study) comes back with the
 * study: `pacs retrieve` into a fresh data folder restores it as a read-only report imported from
 * the PACS, with the same sentences and links, and verification says where it came from.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrthanc, startOrthanc, type TestOrthanc } from '../../support/orthanc';
import { requireSharedData } from '../../support/shared-data';
import { runCli } from '../../../electron/cli/run-cli';
import { projectRoot } from '../../support/shared-data';
import { A0001, cliJson, signedA0001Report } from '../../support/signed-a0001';

const STUDY = '1.3.6.1.4.1.14519.5.2.1.6655.2359.165554066086145834377508507990';

describe.skipIf(!(requireSharedData() && requireOrthanc()))('a signed report through a real Orthanc and back', () => {
  let orthanc: TestOrthanc;
  const dirs: string[] = [];

  beforeAll(async () => {
    orthanc = await startOrthanc();
    await orthanc.seed(readdirSync(A0001()).filter((f) => f.endsWith('.dcm')).map((f) => join(A0001(), f)));
  });
  afterAll(async () => {
    await orthanc?.stop();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('send, then retrieve the study into a fresh folder: the report is restored, imported from the PACS', async () => {
    const fixture = await signedA0001Report();
    dirs.push(fixture.dataDir);
    const sent = await cliJson(['pacs', 'send', fixture.reportId, '--url', orthanc.dicomWeb, '--data-dir', fixture.dataDir]);
    expect(sent.code, sent.stderr).toBe(0);
    const srUid = (sent.value.sent as { sopClassUid: string; sopInstanceUid: string }[]).find((s) => s.sopClassUid === '1.2.840.10008.5.1.4.1.1.88.34')!.sopInstanceUid;

    const fresh = mkdtempSync(join(tmpdir(), 'radground-pacs-restore-'));
    dirs.push(fresh);
    const retrieved = await cliJson(['pacs', 'retrieve', '--url', orthanc.dicomWeb, '--study', STUDY, '--data-dir', fresh]);
    expect(retrieved.code, retrieved.stderr).toBe(0);
    expect(retrieved.value.rejected).toEqual([]);
    expect(retrieved.value.reportsRestored).toMatchObject([{ kind: 'report', srSopInstanceUid: srUid, studyInstanceUid: STUDY, notes: [] }]);
    const reportId = retrieved.value.reportsRestored[0].reportId as string;

    const shown = await cliJson(['report', 'show', reportId, '--data-dir', fresh]);
    expect(shown.code, shown.stderr).toBe(0);
    const report = shown.value.report;
    expect(report.imported).toMatchObject({ source: 'pacs', srSopInstanceUid: srUid, signer: 'Jane Reader', verificationFlag: 'VERIFIED' });
    const sentences = report.sections.flatMap((s: { sentences: { text: string; regionIds: string[] }[] }) => s.sentences);
    expect(sentences.map((s: { text: string }) => s.text)).toEqual(fixture.sentences.map((s) => s.text));
    expect(sentences.map((s: { regionIds: string[] }) => s.regionIds.length)).toEqual(fixture.sentences.map((s) => new Set(s.regionIds).size));

    const verified = await cliJson(['verify', reportId, '--data-dir', fresh]);
    expect(verified.code).toBe(0);
    expect(verified.value.reports[0].notices[0]).toContain(`Imported from SR ${srUid} (retrieved from a PACS), signed by Jane Reader`);

    // Retrieving again restores nothing new.
    const again = await cliJson(['pacs', 'retrieve', '--url', orthanc.dicomWeb, '--study', STUDY, '--data-dir', fresh]);
    expect(again.value.reportsRestored).toEqual([]);

    // Without --json, the retrieve's summary names the restored report too.
    const textDir = mkdtempSync(join(tmpdir(), 'radground-pacs-restore-text-'));
    dirs.push(textDir);
    const out: string[] = [];
    const code = await runCli(['pacs', 'retrieve', '--url', orthanc.dicomWeb, '--study', STUDY, '--data-dir', textDir], {
      io: { stdout: (t) => void out.push(t), stderr: () => undefined },
      env: {},
      rendererDir: '/none',
      modelsDir: join(projectRoot, 'native-models'),
    });
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/reports restored: 1 \(read-only, from DICOM SR\)\n {2}\S+ from SR /);
    expect(out.join('')).toContain(srUid);
  });
});
