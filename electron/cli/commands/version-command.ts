import { APP_VERSION } from '../../core/config/app-version';
import type { CliCommand } from '../cli-command';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'Print the RadGround version',
  usage: 'radground version [--json]',
  async run({ json, io }) {
    if (json) io.stdout(JSON.stringify({ name: 'RadGround', version: APP_VERSION, node: process.versions.node }) + '\n');
    else io.stdout(`RadGround ${APP_VERSION}\n`);
    return 0;
  },
};
