import { CliUsageError, type CliCommand } from '../cli-command';
import { call, withCore } from '../with-core';

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: 'Geometry of a series volume: dims, spacing, origin, direction (LPS), per-slice SOP Instance UIDs',
  usage: 'radground series <series-uid | volume-id> [--data-dir D] [--json]',
  async run(context) {
    const [volumeId] = context.positionals;
    if (!volumeId) throw new CliUsageError('give a series UID');
    const geometry = await withCore(context, (core) => call(core, 'volumes.getGeometry', { volumeId }));
    if (context.json) {
      context.io.stdout(JSON.stringify(geometry) + '\n');
      return 0;
    }
    const g = geometry;
    context.io.stdout(
      [
        `${g.modality ?? '??'} volume ${g.volumeId}`,
        `  dims       ${g.dims.join(' x ')}`,
        `  spacing    ${g.spacing.map((s) => +s.toFixed(4)).join(' x ')} mm`,
        `  origin     ${g.origin.map((s) => +s.toFixed(3)).join(', ')} (LPS mm)`,
        `  direction  ${g.direction.map((s) => +s.toFixed(4)).join(' ')}`,
        `  frame of reference ${g.frameOfReferenceUid ?? 'none'}`,
        ...g.warnings.map((w) => `  warning: ${w}`),
      ].join('\n') + '\n',
    );
    return 0;
  },
};
