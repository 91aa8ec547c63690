import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none', modelsDir: join(projectRoot, 'native-models') });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe.skipIf(!hasData)(`radground report new | draft without a fitting pack | export | import exit code (${hasData ? 'real CR and MR' : NO_SHARED_DATA_REASON})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rg-cli-report-new-'));
  let cr: string;
  let mr: string;
  beforeAll(async () => {
    const r = await cli(['import', sharedData('cxr', 'siim_CR_jpegbaseline.dcm'), sharedData('mr', 'brain_t1_sag'), '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const studies = JSON.parse(r.stdout).studies as { studyInstanceUid: string; modalities: string[] }[];
    cr = studies.find((s) => s.modalities.includes('CR'))!.studyInstanceUid;
    mr = studies.find((s) => s.modalities.includes('MR'))!.studyInstanceUid;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('import exits 1 when nothing at all could be imported, 0 when the files are already imported', async () => {
    const none = await cli(['import', join(projectRoot, 'README.md'), join(dataDir, 'missing'), '--json', '--data-dir', dataDir]);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout).rejected.map((r: { code: string }) => r.code).sort()).toEqual(['NOT_DICOM', 'NOT_FOUND']);
    const again = await cli(['import', sharedData('cxr', 'siim_CR_jpegbaseline.dcm'), '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\[ALREADY_IMPORTED\] already imported/);
  });

  it('report new --json prints { report } from the template chosen for the study, or the one named', async () => {
    const r = await cli(['report', 'new', mr, '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const { report } = JSON.parse(r.stdout);
    expect(report.status).toBe('draft');
    expect(report.studyInstanceUid).toBe(mr);
    expect(report.sections.find((s: { name: string }) => s.name === 'impression').sentences[0].text).toBe('No acute intracranial abnormality.');
    const generic = JSON.parse((await cli(['report', 'new', mr, '--template', 'generic', '--json', '--data-dir', dataDir])).stdout).report;
    expect(generic.sections.find((s: { name: string }) => s.name === 'findings').sentences).toEqual([]);
    const bad = await cli(['report', 'new', mr, '--template', 'nope', '--json', '--data-dir', dataDir]);
    expect(bad.code).not.toBe(0);
  });

  it('draft on a study no pack fits creates the template report, with analysis null and the reason, exit 0', async () => {
    const r = await cli(['draft', cr, '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.analysis).toBeNull();
    expect(out.reason).toMatch(/chest-ct needs CT, the series is CR/);
    expect(out.report.sections.find((s: { name: string }) => s.name === 'findings').sentences[0].text).toBe('Lines and tubes: none.');
  });

  it('export --html names the patient in the header', async () => {
    const { report } = JSON.parse((await cli(['report', 'new', mr, '--json', '--data-dir', dataDir])).stdout);
    const file = join(dataDir, 'report.html');
    expect((await cli(['export', report.id, '--html', file, '--data-dir', dataDir])).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<dt>Patient</dt><dd>HFS</dd>');
    expect(html).toContain('<dt>Patient ID</dt><dd>crlab</dd>');
    expect(html).toContain('<dt>Birth date</dt><dd>1970-06-06</dd>');
    expect(html).toContain('<dt>Study</dt><dd>Rorden^Rorden_Prisma — MR</dd>');
  });
});
