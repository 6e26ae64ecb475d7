import { readdir, realpath, stat } from 'node:fs/promises';
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
    const entries = await filesUnder(path);
    for (const entry of entries.sort()) {
      const full = join(path, entry);
      // a link to nothing, or a file gone meanwhile, is not a message
      const s = await stat(full).catch(() => undefined);
      if (s?.isFile() && s.size > 0 && (await accept(entry.split(sep), full, s.size))) found.push(full);
    }
    if (found.length === 0)
      throw new AppError('file_rejected', `${path} is a folder with no ${what} in it${hint(entries, what)}`);
    files.push(...found);
  }
  return files;
}

/** What a folder holding none of the files looked for holds instead, when another format reads it. */
function hint(entries: readonly string[], what: string): string {
  const has = (re: RegExp) => entries.some((e) => re.test(e));
  if (what !== 'email message' && has(/\.(?:eml|emlx)$|(?:^|[\\/])(?:cur|new)[\\/][^\\/]+$/i))
    return ' (it holds single messages, as Apple Mail and Maildir keep them: use import eml)';
  if (what === 'email message' && has(/(?:^|[\\/])mbox$|\.mbox$/i)) return ' (it holds mailbox files: use import mbox)';
  if (!/vCard/.test(what) && has(/\.vcf$/i)) return ' (it holds vCard files: use import vcard)';
  if (!/iCalendar/.test(what) && has(/\.ics$/i)) return ' (it holds iCalendar files: use import ics)';
  return '';
}

/**
 * The paths (relative to `root`) of everything under a folder that is not itself a folder. A
 * link to a folder is followed once: a folder reached again (a link back up, a second link to
 * it) is not read twice, so a cycle of links ends and no file counts twice.
 */
export async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (relative: string): Promise<void> => {
    const full = relative ? join(root, relative) : root;
    const real = await realpath(full).catch(() => undefined);
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(full, { withFileTypes: true }).catch((error: unknown) => {
      throw unreadable(full, error);
    });
    // folders themselves before links to folders, so a folder is found where it is; by name
    entries.sort(
      (a, b) =>
        Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    for (const e of entries) {
      const child = relative ? join(relative, e.name) : e.name;
      const folder =
        e.isDirectory() ||
        (e.isSymbolicLink() && (await stat(join(root, child)).catch(() => undefined))?.isDirectory());
      if (folder) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out;
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
