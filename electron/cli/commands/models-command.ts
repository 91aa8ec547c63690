import type { CliCommand } from '../cli-command';
import { call, withCore } from '../with-core';

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'List model packs (app and user folders) with the result of their checks',
  usage: 'radground models [--data-dir D] [--json]',
  async run(context) {
    const { packs } = await withCore(context, (core) => call(core, 'models.list', {}));
    if (context.json) {
      context.io.stdout(JSON.stringify({ packs }) + '\n');
      return 0;
    }
    const lines = packs.map(
      (p) => `${p.status.padEnd(11)} ${p.id}@${p.version ?? '?'} (${p.source})${p.error ? `: ${p.error.message}` : p.description ? `: ${p.description}` : ''}`,
    );
    context.io.stdout((lines.length ? lines : ['no model packs found']).join('\n') + '\n');
    return 0;
  },
};
