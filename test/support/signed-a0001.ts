import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/run-cli';
import { projectRoot, sharedData } from './shared-data';

export const A0001 = () => sharedData('ct', 'chest_lung_pet_ct_dx_A0001');

/** Runs the CLI in-process with --json; resolves with the exit code and the parsed stdout. */
export async function cliJson<T = any>(args: string[]): Promise<{ code: number; value: T; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--json'], { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, env: {}, rendererDir: '/none', modelsDir: join(projectRoot, 'native-models') });
  return { code, value: (out.join('') ? JSON.parse(out.join('')) : null) as T, stderr: err.join('') };
}

/** A fresh data folder holding A0001 drafted by the chest-ct pack and signed: the report id and its sentences. */
export async function signedA0001Report(): Promise<{ dataDir: string; reportId: string; sentences: { text: string; regionIds: string[] }[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radground-signed-'));
  const draft = await cliJson<{ report: { id: string; sections: { sentences: { text: string; regionIds: string[] }[] }[] } }>(['draft', A0001(), '--data-dir', dataDir]);
  if (draft.code !== 0) throw new Error(`draft failed: ${draft.stderr}`);
  const signed = await cliJson(['sign', draft.value.report.id, '--as', 'Jane Reader', '--override', 'reviewed in test', '--data-dir', dataDir]);
  if (signed.code !== 0) throw new Error(`sign failed: ${signed.stderr}`);
  return { dataDir, reportId: draft.value.report.id, sentences: draft.value.report.sections.flatMap((s) => s.sentences) };
}
