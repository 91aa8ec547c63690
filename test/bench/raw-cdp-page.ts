// A Chromium page driven over the DevTools protocol (through --remote-debugging-pipe) with only the
// Target, Page, Runtime, Performance and Emulation domains: what a memory benchmark needs where
// Playwright would distort it. Playwright enables the Network domain on every page, and with it
// Chromium's DevTools agent keeps a copy of every response body in the renderer (measured on A0001:
// ~48 MB, 1.5x the volume's bytes, for its 5 chunk answers), memory the app never has.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export interface RawCdpPage {
  /** The browser process (its tree holds the renderer and GPU processes). */
  pid: number;
  /** A command to the page's session. */
  send(method: string, params?: object): Promise<Record<string, unknown>>;
  /** Evaluates `expression` in the page (promises awaited) and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

type Message = { id?: number; result?: Record<string, unknown>; error?: { message: string } };

export async function launchRawCdpPage(executablePath: string, args: string[], size: { width: number; height: number }): Promise<RawCdpPage> {
  const profile = mkdtempSync(join(tmpdir(), 'radground-raw-cdp-'));
  // fd 3: commands to the browser, fd 4: its answers (NUL-terminated JSON).
  const chrome = spawn(executablePath, ['--headless=new', '--remote-debugging-pipe', `--user-data-dir=${profile}`, `--window-size=${size.width},${size.height}`, ...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const toBrowser = chrome.stdio[3] as Writable;
  const fromBrowser = chrome.stdio[4] as Readable;
  let nextId = 0;
  const waiting = new Map<number, (m: Message) => void>();
  let pending = '';
  fromBrowser.on('data', (d: Buffer) => {
    pending += d.toString();
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const m = JSON.parse(pending.slice(0, end)) as Message;
      pending = pending.slice(end + 1);
      if (m.id === undefined) continue;
      waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    }
  });
  const command = (method: string, params: object, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result ?? {})));
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const close = async () => {
    chrome.kill('SIGTERM');
    await new Promise((r) => (chrome.exitCode === null ? chrome.once('exit', r) : r(null)));
    // Chromium's helpers may still be writing the profile as the browser exits: retry the removal.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (e) {
      process.stderr.write(`(left ${profile}: ${String(e)})\n`);
    }
  };
  try {
    const { targetId } = (await command('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await command('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const send = (method: string, params: object = {}) => command(method, params, sessionId);
    await send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 1, mobile: false });
    return {
      pid: chrome.pid!,
      send,
      evaluate: async <T>(expression: string) => {
        const r = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as { result?: { value?: T }; exceptionDetails?: { text: string } };
        if (r.exceptionDetails) throw new Error(`${expression.slice(0, 80)}: ${r.exceptionDetails.text}`);
        return r.result?.value as T;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
