/**
 * Issue 15, log privacy: identifiers are HMAC-SHA256 under a per-install secret; PHI values known
 * to the process are removed wherever they appear in a line; and a whole CLI run on the real A0001
 * study (import -> analyze -> draft -> sign -> export -> verify) logs neither the patient's name nor ID.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { useInstallLogSecret } from '../../../electron/core/logging/log-secret';
import { createLogger } from '../../../electron/core/logging/logger';
import { clearKnownPhi, registerPatientPhi } from '../../../electron/core/logging/phi-registry';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `rg-log-${name}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(() => clearKnownPhi());

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

describe('log pseudonyms and redaction', () => {
  it('tokens are HMAC-SHA256 under a 0600 per-install secret, not a bare hash of the value', () => {
    const a = tmp('secret-a');
    const secret = useInstallLogSecret(a);
    expect(statSync(join(a, 'log-secret')).mode & 0o777).toBe(0o600);
    expect(useInstallLogSecret(a).equals(secret)).toBe(true); // made once, then read
    const { lines, log } = capture();
    log.info('opened', { patientId: '12345678' });
    const token = JSON.parse(lines[0]!).patientId as string;
    expect(token).toBe(`phi:${createHmac('sha256', secret).update('12345678').digest('hex').slice(0, 16)}`);
    expect(token).not.toContain(createHash('sha256').update('12345678').digest('hex').slice(0, 10));
    useInstallLogSecret(tmp('secret-b'));
    log.info('opened', { patientId: '12345678' });
    expect(JSON.parse(lines[1]!).patientId).not.toBe(token); // another install, another token
  });

  it('known names, IDs and birth dates are removed from messages, paths and error strings, whatever the field', () => {
    registerPatientPhi({ name: 'DOE^JANE', patientId: 'MRN-12345678', birthDate: '19600101' });
    const { lines, log } = capture();
    log.error('import of /data/Doe Jane/MRN-12345678/x.dcm failed', {
      error: 'ENOENT: no such file, open /data/DOE_JANE_12345678/1.dcm (born 1960-01-01)',
      nested: { where: ['/scans/jane doe/'] },
      modality: 'CT',
    });
    const text = lines.join('\n');
    for (const v of ['DOE', 'JANE', 'Jane', '12345678', 'MRN-12345678', '19600101', '1960-01-01']) expect(text).not.toContain(v);
    expect(text).toContain('"modality":"CT"');
    expect(text).toMatch(/phi:[0-9a-f]{16}/);
  });
});

describe.skipIf(!hasData)(`a full CLI run logs no patient name or ID (${hasData ? 'real A0001' : NO_SHARED_DATA_REASON})`, () => {
  it('import -> analyze -> draft -> sign -> export -> verify', async () => {
    const name = 'Lung_Dx-A0001'; // (0010,0010) and (0010,0020) of the series
    const dataDir = tmp('data');
    // The study in a folder named after the patient, with a file that is not DICOM (its rejection is logged with its path).
    const folder = join(tmp('in'), `${name} scans`);
    mkdirSync(folder);
    const source = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');
    for (const f of readdirSync(source)) symlinkSync(join(source, f), join(folder, f));
    writeFileSync(join(folder, `notes ${name}.txt`), 'not DICOM');

    const stderr: string[] = [];
    const previous = process.env.RADGROUND_LOG_LEVEL;
    process.env.RADGROUND_LOG_LEVEL = 'debug';
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli([...args, '--data-dir', dataDir], { io: { stdout: (t) => void out.push(t), stderr: (t) => void stderr.push(t) }, env: {}, rendererDir: '/none', modelsDir: join(projectRoot, 'native-models') });
      return { code, stdout: out.join('') };
    };
    try {
      const imported = await cli('import', folder, '--json');
      expect(imported.code).toBe(0);
      const { studies } = JSON.parse(imported.stdout) as { studies: { studyInstanceUid: string }[] };
      const drafted = await cli('draft', studies[0]!.studyInstanceUid, '--json');
      expect(drafted.code).toBe(0);
      const draft = JSON.parse(drafted.stdout) as { report: { id: string }; series: { seriesInstanceUid: string } };
      expect((await cli('analyze', draft.series.seriesInstanceUid, '--json')).code).toBe(0);
      expect((await cli('sign', draft.report.id, '--as', 'Dr Reader', '--override', 'checked on the images')).code).toBe(0);
      const out = tmp('out');
      expect((await cli('export', draft.report.id, '--html', join(out, 'r.html'), '--json-file', join(out, 'r.json'))).code).toBe(0);
      expect((await cli('verify', '--all', '--json')).code).toBe(0);
      expect(readFileSync(join(out, 'r.html'), 'utf8').length).toBeGreaterThan(0);
    } finally {
      if (previous === undefined) delete process.env.RADGROUND_LOG_LEVEL;
      else process.env.RADGROUND_LOG_LEVEL = previous;
    }
    const logLines = stderr.join('').split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThanOrEqual(3);
    const records = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const rejection = records.find((r) => r.msg === 'import rejected a file');
    expect(rejection?.path).toMatch(/phi:[0-9a-f]{16}/);
    for (const line of logLines) {
      expect(line.toLowerCase()).not.toContain(name.toLowerCase());
      expect(line).not.toContain('A0001');
    }
  }, 300_000);
});
