// electron-builder's own code for the packaging tests: its configuration validator (scheme.json)
// and the file matchers it packs with, loaded from the app-builder-lib electron-builder resolves.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fromRoot = createRequire(join(root, 'package.json'));
const fromBuilder = createRequire(fromRoot.resolve('electron-builder/package.json'));
export const appBuilderLibDir = dirname(fromBuilder.resolve('app-builder-lib/package.json'));

export type Platform = 'linux' | 'win' | 'mac';
export const PLATFORMS: readonly Platform[] = ['linux', 'win', 'mac'];

type Patterns = string | (string | { from?: string; to?: string; filter?: string | string[] })[];
export interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string; buildResources?: string };
  files?: Patterns;
  extraResources?: Patterns;
  asarUnpack?: string | string[];
  fileAssociations?: { ext: string | string[]; name?: string; mimeType?: string; role?: string }[];
  [key: string]: unknown;
}

export function loadConfig(): BuilderConfig {
  return JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;
}

export function platformOptions(config: BuilderConfig, platform: Platform): Record<string, unknown> {
  return (config[platform] as Record<string, unknown> | undefined) ?? {};
}

const configModule = fromBuilder(join(appBuilderLibDir, 'out', 'util', 'config', 'config.js')) as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
/** What `electron-builder` runs before building: ajv against app-builder-lib/scheme.json. */
export function validateConfiguration(config: unknown): Promise<void> {
  return configModule.validateConfiguration(config, { isEnabled: false, add() {} });
}

interface Matcher {
  from: string;
  to: string;
  createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
}
const fileMatcher = fromBuilder(join(appBuilderLibDir, 'out', 'fileMatcher.js')) as {
  getFileMatchers(config: unknown, name: string, destination: string, options: object): Matcher[] | null;
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (s: string) => string, platformOptions: unknown, packager: object): Matcher;
};

const identity = (s: string): string => s;
const DEST = '/packaged-app';
const fileStat = { isDirectory: () => false };

/** A test of paths relative to the repository root, from electron-builder's matchers. */
export type PathFilter = (relativePath: string) => boolean;

function toFilter(matcher: Matcher | undefined): PathFilter {
  if (!matcher) return () => false;
  const filter = matcher.createFilter();
  return (relativePath) => filter(join(root, relativePath), fileStat);
}

function matchers(config: BuilderConfig, name: string, platform: Platform): Matcher[] {
  const outDir = join(root, config.directories?.output ?? 'dist');
  return (
    fileMatcher.getFileMatchers(config, name, DEST, {
      macroExpander: identity,
      customBuildOptions: platformOptions(config, platform),
      globalOutDir: outDir,
      defaultSrc: root.replace(/[\\/]$/, ''),
    }) ?? []
  );
}

/** Would the app's own files (the `files` globs) include this path? */
export function appFileFilter(config: BuilderConfig, platform: Platform): PathFilter {
  return toFilter(matchers(config, 'files', platform).find((m) => m.to === DEST));
}

/** Would a file of a production dependency be copied into the app (the `files` excludes)? */
export function nodeModuleFilter(config: BuilderConfig, platform: Platform): PathFilter {
  const packager = { config, debugLogger: { isEnabled: false, add() {} } };
  return toFilter(fileMatcher.getNodeModuleFileMatcher(root.replace(/[\\/]$/, ''), DEST, identity, platformOptions(config, platform), packager));
}

/** Is this path unpacked from app.asar (`asarUnpack`)? */
export function asarUnpackFilter(config: BuilderConfig, platform: Platform): PathFilter {
  return toFilter(matchers(config, 'asarUnpack', platform)[0]);
}

/** The `extraResources` file set copying the folder `from`: where it goes (relative to the app's
 * resources folder) and a test of paths relative to `from`. */
export function extraResource(config: BuilderConfig, platform: Platform, from: string): { to: string; filter: PathFilter } | null {
  const matcher = matchers(config, 'extraResources', platform).find((m) => m.from === join(root, from));
  if (!matcher) return null;
  const filter = matcher.createFilter();
  return { to: relative(DEST, matcher.to), filter: (pathInFolder) => filter(join(matcher.from, pathInFolder), fileStat) };
}
