import { CliUsageError, type CliCommand } from '../cli-command';
import { call, withCore } from '../with-core';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import DICOM files, folders or DICOMDIRs into the study index',
  usage: 'radground import <paths...> [--data-dir D] [--json]',
  async run(context) {
    if (!context.positionals.length) throw new CliUsageError('give at least one file or folder to import');
    const summary = await withCore(context, (core) => call(core, 'studies.import', { paths: context.positionals }));
    if (context.json) {
      context.io.stdout(JSON.stringify(summary) + '\n');
      return 0;
    }
    const { added } = summary;
    const lines = [
      `Scanned ${summary.filesSeen} files: added ${added.instances} images, ${added.series} series, ${added.studies} studies.`,
      ...summary.volumes.map(
        (v) =>
          `  ${v.modality ?? '??'} ${v.dims.join('x')} @ ${v.spacing.map((s) => +s.toFixed(3)).join(' x ')} mm  ${v.volumeId}` +
          v.warnings.map((w) => `\n    warning: ${w}`).join(''),
      ),
      ...(summary.rejected.length ? [`Rejected ${summary.rejected.length} files:`] : []),
      ...summary.rejected.map((r) => `  ${r.path}: ${r.reason}`),
    ];
    context.io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
