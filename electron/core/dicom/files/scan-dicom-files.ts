import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isDicomdirName, readDicomdirReferences } from './dicomdir';

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/**
 * Candidate files under the given files and folders. Folders are walked recursively; a folder holding a
 * DICOMDIR contributes the files that DICOMDIR references (resolved case-insensitively) instead of its
 * contents, unless the DICOMDIR cannot be read. Hidden files and folders are skipped; unreadable paths are
 * skipped too (the classifier reports named files it cannot read). Paths are absolute, each listed once.
 * Candidates are not checked: pass them to classifyDicomFiles.
 */
export async function scanForDicomFiles(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();
  const add = (file: string): void => {
    if (!seenFiles.has(file)) {
      seenFiles.add(file);
      found.push(file);
    }
  };

  async function walkFolder(folder: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(folder);
    } catch {
      return;
    }
    if (seenFolders.has(real)) return; // symlink loops, or the same folder given twice
    seenFolders.add(real);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dicomdir = entries.find((e) => isDicomdirName(e.name) && (e.isFile() || e.isSymbolicLink()));
    if (dicomdir) {
      const references = await readDicomdirReferences(join(folder, dicomdir.name));
      if (references) {
        for (const file of references.files) add(file);
        for (const missing of references.missing) add(join(folder, missing));
        return;
      }
    }
    for (const entry of entries) {
      if (isHidden(entry.name) || isDicomdirName(entry.name)) continue;
      const full = join(folder, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) await walkFolder(full);
      else if (isFile) add(full);
    }
  }

  for (const input of paths) {
    const full = resolve(input);
    let info;
    try {
      info = await stat(full);
    } catch {
      add(full); // let the classifier say why it cannot be read
      continue;
    }
    if (info.isDirectory()) {
      await walkFolder(full);
    } else if (isDicomdirName(basename(full))) {
      const references = await readDicomdirReferences(full);
      if (references) {
        for (const file of references.files) add(file);
        for (const missing of references.missing) add(join(full, '..', missing));
      } else add(full);
    } else {
      add(full);
    }
  }
  return found;
}
