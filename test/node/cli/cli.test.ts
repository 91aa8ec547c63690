import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { projectRoot } from '../../support/shared-data';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe('radground CLI', () => {
  it('--help lists every command', async () => {
    const { io, out } = capture();
    expect(await runCli(['--help'], { io, env: {}, rendererDir: '/none' })).toBe(0);
    expect(out.join('')).toMatch(/version/);
    expect(out.join('')).toMatch(/serve/);
  });

  it('version --json prints exactly one JSON document on stdout', async () => {
    const { io, out } = capture();
    expect(await runCli(['version', '--json'], { io, env: {}, rendererDir: '/none' })).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ name: 'RadGround' });
  });

  it('reports unknown commands and bad options with exit code 2', async () => {
    const a = capture();
    expect(await runCli(['frobnicate'], { io: a.io, env: {}, rendererDir: '/none' })).toBe(2);
    expect(a.err.join('')).toMatch(/unknown command/);
    const b = capture();
    expect(await runCli(['version', '--no-such-flag', '--json'], { io: b.io, env: {}, rendererDir: '/none' })).toBe(2);
    expect(JSON.parse(b.out.join(''))).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  const built = existsSync(join(projectRoot, 'dist', 'cli', 'radground.cjs'));
  describe.skipIf(!built)('the built bin (npm run build)', () => {
    const bin = join(projectRoot, 'electron', 'cli', 'radground.cjs');

    it('runs through the package bin with JSON on stdout and logs on stderr', () => {
      const r = spawnSync(process.execPath, [bin, 'version', '--json'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ name: 'RadGround' });
    });

    it('serve --json prints one URL with a token and answers on it', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rg-cli-'));
      const child = spawn(process.execPath, [bin, 'serve', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let buf = '';
          child.stdout.on('data', (d: Buffer) => {
            buf += d.toString();
            if (buf.includes('\n')) resolve(buf.split('\n')[0]!);
          });
          child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
        });
        const started = JSON.parse(line) as { url: string; port: number; token: string; dataDir: string };
        expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
        expect(started.dataDir).toBe(dataDir);
        const res = await fetch(`http://127.0.0.1:${started.port}/api/call/app.getInfo`, {
          method: 'POST',
          headers: { authorization: `Bearer ${started.token}` },
          body: '{}',
        });
        expect(await res.json()).toMatchObject({ ok: true, value: { dataDir } });
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
});
