/**
 * A real Orthanc (Debian packages `orthanc` + `orthanc-dicomweb`, installed by .ci/run) for the
 * DICOMweb tests: started on a free loopback HTTP port with its own temporary storage and
 * configuration (DICOM port off, remote access off, the DICOMweb plugin at /dicom-web/), seeded
 * with real files, stopped afterwards. The system service the package may have started is never
 * used: the tests talk only to the process started here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export const hasOrthanc = existsSync(ORTHANC_BINARY) && existsSync(DICOMWEB_PLUGIN);
export const NO_ORTHANC_REASON = `Orthanc with its DICOMweb plugin is not installed (${ORTHANC_BINARY}, ${DICOMWEB_PLUGIN})`;

/** For suites that need Orthanc: true when present; with CI=true a missing Orthanc THROWS (the suite fails). */
export function requireOrthanc(): boolean {
  if (!hasOrthanc && process.env.CI === 'true') throw new Error(`${NO_ORTHANC_REASON}; CI=true requires it (apt-get install orthanc orthanc-dicomweb)`);
  return hasOrthanc;
}

export interface TestOrthanc {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The DICOMweb root, http://127.0.0.1:PORT/dicom-web */
  dicomWeb: string;
  /** Uploads DICOM files through Orthanc's REST API (POST /instances). */
  seed(files: string[]): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL) and, unless `keepStorage`, removes its folder. */
  stop(options?: { keepStorage?: boolean }): Promise<void>;
  /** Kills it at once, as a crash would; the storage stays for a restart. */
  kill(): Promise<void>;
  /** Starts it again on the same port and storage. */
  restart(): Promise<void>;
  /** SIGSTOP: connections are still accepted by the kernel but never answered (a request hangs in flight). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startOrthanc(): Promise<TestOrthanc> {
  const dir = mkdtempSync(join(tmpdir(), 'radground-orthanc-'));
  const port = await freeLoopbackPort();
  const config = {
    Name: 'RadGroundTest',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'storage'),
    HttpPort: port,
    HttpBindAddress: '127.0.0.1',
    DicomServerEnabled: false,
    DicomPort: 0,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Ssl: false, StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
    StorageCompression: false,
    ConcurrentJobs: 1,
    HttpThreadsCount: 8,
  };
  const configFile = join(dir, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async () => {
    child = spawn(ORTHANC_BINARY, [configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Orthanc exited with ${child.exitCode}:\n${log}`);
      try {
        const res = await fetch(`${origin}/system`);
        if (res.ok) {
          const system = (await res.json()) as { Name?: string };
          // Another server on this port would be a different name: never talk to it.
          if (system.Name !== config.Name) throw new Error(`port ${port} answers as ${system.Name}, not the test Orthanc`);
          const plugins = (await (await fetch(`${origin}/plugins`)).json()) as string[];
          if (!plugins.includes('dicom-web')) throw new Error(`Orthanc started without its DICOMweb plugin:\n${log}`);
          return;
        }
      } catch (e) {
        if (e instanceof Error && /not the test Orthanc|without its DICOMweb/.test(e.message)) throw e;
      }
      if (Date.now() - started > 30_000) throw new Error(`Orthanc did not answer within 30 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const terminate = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill(signal);
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    origin,
    dicomWeb: `${origin}/dicom-web`,
    async seed(files) {
      for (const file of files) {
        const res = await fetch(`${origin}/instances`, { method: 'POST', body: readFileSync(file), headers: { 'Content-Type': 'application/dicom' } });
        if (!res.ok) throw new Error(`Orthanc refused ${file}: ${res.status} ${await res.text()}`);
      }
    },
    async stop(options = {}) {
      await terminate('SIGTERM');
      if (!options.keepStorage) rmSync(dir, { recursive: true, force: true });
    },
    kill: () => terminate('SIGKILL'),
    pause: () => void (child)?.kill('SIGSTOP'),
    resume: () => void (child)?.kill('SIGCONT'),
    restart: launch,
  };
}
