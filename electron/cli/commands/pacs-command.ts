import { searchStudies, storeInstances, type PacsAuth, type PacsNode } from '../../core/pacs';
import { CliUsageError, type CliCommand, type CliContext } from '../cli-command';
import { withCore } from '../with-core';

/**
 * `radground pacs query|retrieve|send` against one DICOMweb node given by --url. Auth comes from
 * --user/--password (basic) or --token, or the RADGROUND_PACS_TOKEN environment variable (bearer),
 * so secrets need not appear in the process list.
 */
export const pacsCommand: CliCommand = {
  name: 'pacs',
  summary: 'DICOMweb: query studies (QIDO-RS), retrieve a study or series into the index (WADO-RS), send a signed report as SR + SEG (STOW-RS)',
  usage:
    'radground pacs query --url <dicomweb-root> [--patient ID] [--study UID] [--modality M] [--date D] [--accession A] [--json]\n' +
    '       radground pacs retrieve --url <root> --study UID [--series UID] [--json]\n' +
    '       radground pacs send <report-id> --url <root> [--json]\n' +
    '       auth: [--user U --password P | --token T] (or RADGROUND_PACS_TOKEN)',
  options: {
    url: { type: 'string' },
    patient: { type: 'string' },
    study: { type: 'string' },
    series: { type: 'string' },
    modality: { type: 'string' },
    date: { type: 'string' },
    accession: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
  },
  async run(context) {
    const [verb, target] = context.positionals;
    const node = nodeOf(context);
    if (verb === 'query') {
      const found = await searchStudies(node, {
        patientId: opt(context, 'patient'),
        studyInstanceUid: opt(context, 'study'),
        modality: opt(context, 'modality'),
        studyDate: opt(context, 'date'),
        accessionNumber: opt(context, 'accession'),
      });
      const studies = found.map((s) => ({ studyInstanceUid: s.studyInstanceUid, patientId: s.patientId, patientName: s.patientName, studyDate: s.studyDate, modalities: s.modalities, description: s.description }));
      print(context, { studies }, () => studies.map((s) => `${s.studyDate ?? '--------'}  ${s.modalities.join('/') || '--'}  ${s.patientId ?? ''}  ${s.description ?? ''}  ${s.studyInstanceUid}`).join('\n') || 'no studies');
      return 0;
    }
    if (verb === 'retrieve') {
      const study = opt(context, 'study');
      if (!study) throw new CliUsageError('give --study UID');
      const summary = await withCore(context, (core) =>
        core.services.studies.retrieveFromPacs(node, { studyInstanceUid: study, seriesInstanceUid: opt(context, 'series') }, {
          onProgress: (p) => context.json || context.io.stderr(`\rretrieved ${p.instances}${p.total ? `/${p.total}` : ''} instances, ${(p.bytes / 1e6).toFixed(1)} MB`),
        }),
      );
      if (!context.json) context.io.stderr('\n');
      print(context, summary, () =>
        [
          `added ${summary.added.instances} images, ${summary.added.series} series, ${summary.added.studies} studies; rejected ${summary.rejected.length}`,
          ...(summary.reportsRestored?.length
            ? [`reports restored: ${summary.reportsRestored.length} (read-only, from DICOM SR)`, ...summary.reportsRestored.map((r) => `  ${r.reportId} from SR ${r.srSopInstanceUid}`)]
            : []),
        ].join('\n'),
      );
      return summary.added.instances + summary.rejected.filter((r) => r.code === 'ALREADY_IMPORTED').length > 0 ? 0 : 1;
    }
    if (verb === 'send') {
      if (!target) throw new CliUsageError('give a report id');
      const objects = await withCore(context, (core) => core.services.exports.dicom(target));
      const result = await storeInstances(node, [objects.sr, objects.seg].filter((b): b is Buffer => b !== null));
      const status = result.failed.length ? (result.stored.length ? 'partial' : 'failed') : 'stored';
      print(context, { sent: result.stored, failed: result.failed, status }, () => `${status}: ${result.stored.map((s) => s.sopInstanceUid).join(', ')}`);
      return result.failed.length ? 1 : 0;
    }
    throw new CliUsageError('usage: radground pacs query|retrieve|send ... --url <dicomweb-root>');
  },
};

function opt(context: CliContext, name: string): string | undefined {
  const v = context.options[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nodeOf(context: CliContext): PacsNode {
  const url = opt(context, 'url');
  if (!url) throw new CliUsageError('give --url <dicomweb-root>');
  const user = opt(context, 'user');
  const token = opt(context, 'token') ?? process.env.RADGROUND_PACS_TOKEN;
  let auth: PacsAuth = { kind: 'none' };
  if (user !== undefined) auth = { kind: 'basic', username: user, password: opt(context, 'password') ?? '' };
  else if (token) auth = { kind: 'bearer', token };
  try {
    return { url: new URL(url).href, auth };
  } catch {
    throw new CliUsageError(`not a URL: ${url}`);
  }
}

function print<T>(context: CliContext, value: T, text: () => string): void {
  context.io.stdout(context.json ? JSON.stringify(value) + '\n' : text() + '\n');
}
