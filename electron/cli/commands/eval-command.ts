import { resolve } from 'node:path';
import { formatSummaryTable } from '../../core/evaluation';
import { CliUsageError, type CliCommand } from '../cli-command';
import { withCore } from '../with-core';

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate a model pack on annotated cases (manifest): sensitivity, false positives, laterality, unsafe statements, lung Dice',
  usage: 'radground eval <manifest.json> [--model <pack-id>] [--html report.html] [--data-dir D] [--json]',
  options: { model: { type: 'string' }, html: { type: 'string' } },
  async run(context) {
    const [manifest] = context.positionals;
    if (!manifest) throw new CliUsageError('give an evaluation manifest (JSON)');
    const html = context.options.html as string | undefined;
    const run = await withCore(context, (core) =>
      core.services.analysis.evaluate(manifest, {
        modelId: context.options.model as string | undefined,
        htmlPath: html ? resolve(html) : null,
        logger: context.logger,
      }),
    );
    if (context.json) context.io.stdout(JSON.stringify(run) + '\n');
    else context.io.stdout(formatSummaryTable(run.summary, run.cases) + (run.htmlPath ? `key images: ${run.htmlPath}\n` : ''));
    return run.summary.failedCases.length > 0 ? 1 : 0;
  },
};
