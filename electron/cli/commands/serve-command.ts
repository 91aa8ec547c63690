import { createAppCore } from '../../core/app-core';
import { startBrowserHost } from '../../host/browser-host';
import { CliUsageError, type CliCommand } from '../cli-command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the RadGround renderer and API on 127.0.0.1 for a browser',
  usage: 'radground serve [--port N] [--demo] [--data-dir D] [--json]',
  options: { port: { type: 'string' }, demo: { type: 'boolean' } },
  async run({ options, json, io, dataDir, logger, rendererDir, modelsDir }) {
    const port = options.port === undefined ? 0 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port must be 0..65535, got ${String(options.port)}`);
    const core = await createAppCore({ dataDir, logger, modelsDir });
    if (options.demo) {
      // Generated on first run (a few seconds), then only checked.
      const demo = await core.services.studies.importDemo();
      core.setStartupStudy(demo.currentStudyInstanceUid);
    }
    const host = await startBrowserHost({ core, rendererDir, port });
    if (json) io.stdout(JSON.stringify({ url: host.url, port: host.port, token: host.token, dataDir }) + '\n');
    else io.stdout(`RadGround is serving on ${host.url}\nOpen that address in a browser (loopback only). Ctrl+C stops it.\n`);
    logger.info('browser host started', { port: host.port });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    await core.close();
    return 0;
  },
};
