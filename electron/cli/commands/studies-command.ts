import type { CliCommand } from '../cli-command';
import { call, withCore } from '../with-core';

export const studiesCommand: CliCommand = {
  name: 'studies',
  summary: 'List the studies in the index (the worklist)',
  usage: 'radground studies [--patient TEXT] [--modality CT] [--text TEXT] [--data-dir D] [--json]',
  options: { patient: { type: 'string' }, modality: { type: 'string' }, text: { type: 'string' } },
  async run(context) {
    const { patient, modality, text } = context.options as { patient?: string; modality?: string; text?: string };
    const page = await withCore(context, (core) => call(core, 'studies.list', { patient, modality, text }));
    if (context.json) {
      context.io.stdout(JSON.stringify(page) + '\n');
      return 0;
    }
    const lines = page.rows.map(
      (s) =>
        `${s.studyDate ?? '--------'}  ${(s.modalities.join('/') || '--').padEnd(5)} ${String(s.seriesCount).padStart(3)} series ` +
        `${String(s.instanceCount).padStart(5)} images  ${s.description ?? ''}  ${s.studyInstanceUid}`,
    );
    context.io.stdout([...lines, `${page.total} studies`].join('\n') + '\n');
    return 0;
  },
};
