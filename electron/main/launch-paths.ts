import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORT_PATH_LENGTH_MAX, IMPORT_PATHS_MAX } from '../shared/api/channels/study-channels';

/**
 * The folders and DICOM files the desktop app is opened with: the command line of the first launch or
 * of a second one (handed over by the single-instance lock), and macOS 'open-file'. The command line
 * comes from anyone who can start a process, so it is read as hostile input: nothing here throws, at
 * most IMPORT_PATHS_MAX paths and MAX_LAUNCH_ARGS arguments are looked at, each check ends by a deadline.
 *
 * Kept: existing folders, files named DICOMDIR, files ending .dcm/.dicom (the installers' file
 * associations), and files of any name whose bytes 128–131 are the DICOM signature "DICM" (Linux matches
 * application/dicom by that signature, so such files are opened with the app too). Anything else
 * (a text file, a missing path, a device or pipe) is dropped: the worklist's path field imports any file.
 */

/** Arguments past this many are not looked at. */
export const MAX_LAUNCH_ARGS = 2000;
/** The whole check of one launch's paths ends by then; paths not checked by then are dropped. */
export const LAUNCH_CHECK_DEADLINE_MS = 5000;

export interface LaunchArgvOptions {
  /** process.defaultApp: started as `electron <app path> …` (development), whose app path is skipped. */
  defaultApp: boolean;
  /** Chromium on Windows also takes switches that start with "/". */
  platform: NodeJS.Platform;
}

/**
 * The arguments of `argv` that may be paths: not the executable (argv[0]), not Electron's app path in
 * development (the first argument that is not a switch), not a switch (`--inspect`, `--no-sandbox`,
 * macOS `-psn_…`); after a lone `--`, everything is an argument. Non-strings, empty strings, over-long
 * ones and ones with NUL are skipped. `file://` URLs (Linux desktop files pass %U) become paths.
 */
export function launchArguments(argv: readonly unknown[], options: LaunchArgvOptions): string[] {
  if (!Array.isArray(argv)) return [];
  const out: string[] = [];
  let appPathSkipped = !options.defaultApp;
  let switchesEnded = false;
  for (const arg of argv.slice(1, 1 + MAX_LAUNCH_ARGS)) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > IMPORT_PATH_LENGTH_MAX || arg.includes('\0')) continue;
    if (!switchesEnded && arg === '--') {
      switchesEnded = true;
      continue;
    }
    if (!switchesEnded && (arg.startsWith('-') || (options.platform === 'win32' && arg.startsWith('/')))) continue;
    if (!appPathSkipped) {
      appPathSkipped = true;
      continue;
    }
    const path = fileUrlToPath(arg);
    if (path !== null) out.push(path);
  }
  return out;
}

function fileUrlToPath(arg: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return arg; // Windows "C:\…" has no "//" after the colon
  if (!arg.toLowerCase().startsWith('file://')) return null;
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}

/** The file system calls the check makes; tests may pass others (the defaults are Node's). */
export interface LaunchFs {
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean }>;
  /** Up to `length` bytes from the start of a regular file. */
  readHead(path: string, length: number): Promise<Uint8Array>;
}

export const nodeLaunchFs: LaunchFs = {
  stat: (path) => stat(path),
  async readHead(path, length) {
    // O_NONBLOCK: had the file become a pipe since stat, opening it does not wait for a writer.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
};

const DICOM_EXTENSIONS = new Set(['.dcm', '.dicom']);
const DICM = [0x44, 0x49, 0x43, 0x4d];

async function importable(path: string, fs: LaunchFs): Promise<boolean> {
  try {
    const info = await fs.stat(path);
    if (info.isDirectory()) return true;
    if (!info.isFile()) return false;
    if (basename(path).toUpperCase() === 'DICOMDIR' || DICOM_EXTENSIONS.has(extname(path).toLowerCase())) return true;
    const head = await fs.readHead(path, 132);
    return head.length === 132 && DICM.every((byte, i) => head[128 + i] === byte);
  } catch {
    return false;
  }
}

/**
 * The candidates that exist and can be imported (see the top of the file), relative ones resolved against
 * `workingDirectory`, in order, without repeats, at most IMPORT_PATHS_MAX. Never rejects.
 */
export async function importablePaths(
  candidates: readonly string[],
  workingDirectory: unknown,
  fs: LaunchFs = nodeLaunchFs,
  deadlineMs = LAUNCH_CHECK_DEADLINE_MS,
): Promise<string[]> {
  const base = typeof workingDirectory === 'string' && isAbsolute(workingDirectory) ? workingDirectory : null;
  const absolute = candidates.flatMap((c) => (isAbsolute(c) ? [resolve(c)] : base ? [resolve(base, c)] : []));
  const unique = [...new Set(absolute)].slice(0, IMPORT_PATHS_MAX);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((done) => (timer = setTimeout(() => done(false), deadlineMs)));
  try {
    const kept = await Promise.all(unique.map((path) => Promise.race([importable(path, fs), deadline])));
    return unique.filter((_, i) => kept[i]);
  } finally {
    clearTimeout(timer);
  }
}

/** The importable paths of a launch's command line (see launchArguments and importablePaths). */
export function launchPaths(argv: readonly unknown[], workingDirectory: unknown, options: LaunchArgvOptions, fs: LaunchFs = nodeLaunchFs): Promise<string[]> {
  return importablePaths(launchArguments(argv, options), workingDirectory, fs);
}
