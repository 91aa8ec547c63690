import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowSoftwareWebgl, SOFTWARE_WEBGL_SWITCH, type CommandLineLike } from '../../../electron/main/software-webgl';
import { projectRoot } from '../../support/shared-data';

function fakeCommandLine(initial: string[] = []): CommandLineLike & { switches: string[] } {
  const switches = [...initial];
  return { switches, appendSwitch: (name) => void switches.push(name), hasSwitch: (name) => switches.includes(name) };
}

describe('WebGL without a GPU (VDI reading rooms, #13)', () => {
  it('lets WebGL fall back to SwiftShader, once', () => {
    const commandLine = fakeCommandLine();
    allowSoftwareWebgl(commandLine);
    allowSoftwareWebgl(commandLine);
    expect(commandLine.switches).toEqual(['enable-unsafe-swiftshader']);
    expect(SOFTWARE_WEBGL_SWITCH).toBe('enable-unsafe-swiftshader');
  });

  it('keeps a switch given on the command line', () => {
    const commandLine = fakeCommandLine([SOFTWARE_WEBGL_SWITCH]);
    allowSoftwareWebgl(commandLine);
    expect(commandLine.switches).toEqual([SOFTWARE_WEBGL_SWITCH]);
  });

  it('is applied by the main process before the app is ready (switches are read when the GPU process starts)', () => {
    const main = readFileSync(join(projectRoot, 'electron', 'main', 'main.ts'), 'utf8');
    const applied = main.indexOf('allowSoftwareWebgl(app.commandLine)');
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(main.indexOf('app.whenReady()'));
  });
});
