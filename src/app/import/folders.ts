import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { AppError } from '../errors.js';
import { notAFile, unreadable } from '../file-text.js';

/** Files as given; for a folder, the non-empty files under it that `accept` takes, in name order. */
export async function expandFolders(
  paths: readonly string[],
  what: string,
  accept: (parts: readonly string[], full: string, size: number) => Promise<boolean>,
): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (!(await isFolder(path))) {
      files.push(path);
      continue;
    }
    const found: string[] = [];
    const entries = await readdir(path, { recursive: true }).catch((error: unknown) => {
      throw unreadable(path, error);
    });
    for (const entry of entries.map(String).sort()) {
      const full = join(path, entry);
      // a link to nothing, or a file gone meanwhile, is not a message
      const s = await stat(full).catch(() => undefined);
      if (s?.isFile() && s.size > 0 && (await accept(entry.split(sep), full, s.size))) found.push(full);
    }
    if (found.length === 0) throw new AppError('file_rejected', `${path} is a folder with no ${what} in it`);
    files.push(...found);
  }
  return files;
}

/**
 * The contact files a list of paths names: files as given, and for a folder (Outlook saves one
 * .vcf per contact) every file under it whose name ends with one of `extensions`, hidden ones
 * aside. A folder holding none is refused.
 */
export function expandByExtension(
  paths: readonly string[],
  extensions: readonly string[],
  what: string,
): Promise<string[]> {
  const wanted = new RegExp(`\\.(?:${extensions.join('|')})$`, 'i');
  return expandFolders(
    paths,
    what,
    async (parts) => !parts.some((p) => p.startsWith('.')) && wanted.test(parts.at(-1) ?? ''),
  );
}

async function isFolder(path: string): Promise<boolean> {
  const s = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  if (!s.isDirectory() && !s.isFile()) throw notAFile(path);
  return s.isDirectory();
}
