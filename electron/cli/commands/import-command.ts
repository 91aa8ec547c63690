import { CliUsageError, type CliCommand } from '../cli-command';
import { importedNothing } from '../../core/import/rejection-codes';
import { call, withCore } from '../with-core';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import DICOM files, folders or DICOMDIRs into the study index (exit 1 when nothing could be imported)',
  usage: 'radground import <paths...> [--data-dir D] [--json]',
  async run(context) {
    if (!context.positionals.length) throw new CliUsageError('give at least one file or folder to import');
    const summary = await withCore(context, (core) => call(core, 'studies.import', { paths: context.positionals }));
    // Non-zero when nothing at all could be imported (files already in the index count as imported).
    const status = importedNothing(summary) ? 1 : 0;
    if (context.json) {
      context.io.stdout(JSON.stringify(summary) + '\n');
      return status;
    }
    const { added } = summary;
    const lines = [
      `Scanned ${summary.filesSeen} files: added ${added.instances} images, ${added.series} series, ${added.studies} studies.`,
      ...summary.volumes.map(
        (v) =>
          `  ${v.modality ?? '??'} ${v.dims.join('x')} @ ${v.spacing.map((s) => +s.toFixed(3)).join(' x ')} mm  ${v.volumeId}` +
          v.warnings.map((w) => `\n    warning: ${w}`).join(''),
      ),
      ...(summary.reportsRestored?.length
        ? [
            `Reports restored: ${summary.reportsRestored.length} (read-only, from DICOM SR)`,
            ...summary.reportsRestored.map((r) => `  ${r.reportId} from SR ${r.srSopInstanceUid}${r.kind === 'addenda' ? ' (addenda)' : ''}${r.notes.map((n) => `\n    note: ${n}`).join('')}`),
          ]
        : []),
      ...(summary.rejected.length ? [`Rejected ${summary.rejected.length} files:`] : []),
      ...summary.rejected.map((r) => `  ${r.path}: [${r.code}] ${r.reason}`),
      ...(status ? ['Nothing could be imported.'] : []),
    ];
    context.io.stdout(lines.join('\n') + '\n');
    return status;
  },
};
