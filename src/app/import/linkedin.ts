import { stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { normalizeProfileUrl } from '../../domain/identity.js';
import {
  type LinkedinFile,
  linkedinFileKind,
  linkedinKindByHeader,
  parseLinkedin,
  unzipEntries,
} from '../../importers/linkedin.js';
import { MAX_CSV_BYTES, zipEntryNames } from '../../importers/linkedin-files.js';
import type { ParseIssue } from '../../importers/records.js';
import type { Context } from '../context.js';
import { takeOutUser } from '../duplicates.js';
import { AppError } from '../errors.js';
import { readFileBytes, unreadable } from '../file-text.js';
import type { ImportReport } from '../import-report.js';
import { parseOrRefuse } from './contacts.js';
import { filesUnder } from './folders.js';
import { breathe, collectGarbage } from './heap.js';
import { rememberedLinkedinProfile, rememberLinkedinProfile, splitMe } from './me.js';
import type { ImportOptions } from './options.js';
import { ImportSession } from './session.js';

export const LINKEDIN_SOURCE = 'linkedin';
/** How the external ids of LinkedIn messages start (linkedin-messages.ts): li-msg2: now, li-msg: before. */
const LINKEDIN_MESSAGE_KEY = 'li-msg';
const MAX_EXPORT_BYTES = 1024 * 2 ** 20;

interface Entry {
  name: string;
  bytes: Uint8Array;
  /** which export file, when its name does not say (a renamed file, known by its header) */
  kind?: LinkedinFile;
}

/**
 * Files given one by one that could not be read as what their names say (no header LinkedIn
 * writes, not text): the whole list is refused, naming them, as a wrong file of any list is.
 */
function refuseUnread(issues: readonly ParseIssue[], paths: readonly string[]): void {
  const unread = issues.filter(
    (i) => i.entry && paths.includes(i.entry) && (i.code === 'unexpected_header' || i.code === 'bad_encoding'),
  );
  if (unread.length === 0) return;
  const why = unread.map(
    (i) => `${i.entry} is not a LinkedIn export file: ${i.message.replace(/; (the file|it) was skipped$/, '')}`,
  );
  throw new AppError(
    'file_rejected',
    `${why.join('; ')}; nothing was imported (${unread.length} of ${paths.length} files refused)`,
  );
}

/**
 * The exports a list of paths names: a folder holding exports, each in a folder or zip named with
 * its date (Basic_LinkedInDataExport_12-01-2023, …_06-01-2024.zip) or in a zip, is read as those
 * exports, each of its own date, so that the newer one's jobs stand whichever sorts first (a
 * folder of downloads, say). Other paths as given.
 */
export async function expandLinkedinExports(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if (!(await stat(path).catch(() => undefined))?.isDirectory()) {
      out.push(...(await exportsInZip(path)));
      continue;
    }
    // each export file under the folder by the folder or zip named with its export's date, or
    // (a zip with no date in its name) the zip itself; CSV files under no dated folder are one export
    const exports = new Set<string>();
    let undated = false;
    for (const name of await filesUnder(path)) {
      const file = String(name);
      const zip = /\.zip$/i.test(file);
      if (!zip && linkedinFileKind(file) === undefined) continue;
      const parts = file.split(sep);
      const at = parts.findIndex((part) => exportDate([part]) !== undefined);
      if (at >= 0) exports.add(parts.slice(0, at + 1).join(sep));
      else if (zip) exports.add(file);
      else undated = true;
    }
    if (exports.size > 0 && !undated) out.push(...[...exports].sort().map((e) => join(path, e)));
    else out.push(path);
  }
  return out;
}

/**
 * The exports in one zip: itself, or, when it holds several exports each in a folder named with
 * its date (a zip of a downloads folder), one path per export, read as those exports (see
 * linkedinEntries), so that a message both hold is one message and the newer export's jobs stand.
 */
async function exportsInZip(path: string): Promise<string[]> {
  if (!/\.zip$/i.test(path)) return [path];
  const bytes = await readFileBytes(path, MAX_EXPORT_BYTES).catch(() => undefined);
  if (bytes === undefined) return [path];
  const folders = new Set<string>();
  for (const name of zipEntryNames(bytes)) {
    if (linkedinFileKind(name) === undefined) continue;
    const parts = name.split('/');
    const at = parts.findIndex((part) => exportDate([part]) !== undefined);
    // a file of no dated folder: the zip is one export
    if (at < 0 || at === parts.length - 1) return [path];
    folders.add(parts.slice(0, at + 1).join('/'));
  }
  if (folders.size < 2) return [path];
  return [...folders].sort().map((folder) => {
    const virtual = `${path}${sep}${folder}`;
    exportsOfZips.set(virtual, { zip: path, folder });
    return virtual;
  });
}

/** The exports of zips that hold several, by the path each is named by: the zip and its folder. */
const exportsOfZips = new Map<string, { zip: string; folder: string }>();

/** The CSV files of a LinkedIn export given as its zip, its unpacked folder, or single CSV files. */
export async function linkedinEntries(path: string): Promise<Entry[]> {
  const inZip = exportsOfZips.get(path);
  if (inZip !== undefined) {
    const bytes = await readFileBytes(inZip.zip, MAX_EXPORT_BYTES);
    const all = parseOrRefuse(inZip.zip, () => unzipEntries(bytes));
    // named within the export, as the path names the folder
    return all
      .filter((e) => e.name.startsWith(`${inZip.folder}/`))
      .map((e) => ({ ...e, name: e.name.slice(inZip.folder.length + 1) }));
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  if (info.isDirectory()) {
    const entries: Entry[] = [];
    // (a link back up the folder is followed once, not until the system gives up)
    const names = (await filesUnder(path)).sort();
    for (const name of names) {
      const full = join(path, String(name));
      if (linkedinFileKind(String(name)) && (await stat(full).catch(() => undefined))?.isFile())
        entries.push({ name: relative(path, full), bytes: await readFileBytes(full, MAX_CSV_BYTES) });
    }
    if (entries.length === 0)
      throw new AppError(
        'file_rejected',
        `${path} holds no LinkedIn export files (Connections.csv, messages.csv, Invitations.csv, Recommendations_*.csv, Endorsement_*.csv)`,
      );
    return entries;
  }
  // a CSV given on its own is held to what one file of an export may hold
  const single = linkedinFileKind(basename(path)) !== undefined;
  const bytes = await readFileBytes(path, single ? MAX_CSV_BYTES : MAX_EXPORT_BYTES);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return parseOrRefuse(path, () => unzipEntries(bytes));
  if (single) return [{ name: basename(path), bytes }];
  // renamed ("my-connections.csv"): known by its header
  const kind = linkedinKindByHeader(bytes);
  if (kind) return [{ name: basename(path), bytes, kind }];
  throw new AppError(
    'file_rejected',
    `${path} is not a LinkedIn export: give the export's zip, its folder, or its CSV files (Connections.csv, messages.csv, …)`,
  );
}

/**
 * Imports a LinkedIn export in one transaction: connections become people (stage connected),
 * messages and invitations interactions, recommendations and endorsements the value ledger.
 */
export async function importLinkedin(
  ctx: Context,
  paths: readonly string[],
  report: ImportReport,
  opts: ImportOptions,
): Promise<void> {
  // several CSV files of one export given one by one are read as that export, each entry named by
  // its path (the session's file is then empty: issues name the entry alone)
  const grouped = paths.length > 1;
  const path = grouped ? '' : (paths[0] as string);
  const entries: Entry[] = [];
  for (const p of paths) for (const e of await linkedinEntries(p)) entries.push(grouped ? { ...e, name: p } : e);
  const { profile: given, name: givenName } = splitMe(opts.me ?? [], true);
  const remembered = await rememberedLinkedinProfile(ctx);
  const owner = given ?? remembered;
  const exportedAt = exportDate(paths);
  // the export's files are read whole (a large messages.csv for half a minute): the stage is shown meanwhile
  const bytes = entries.reduce((n, e) => n + e.bytes.length, 0);
  opts.onProgress?.('reading', 0, bytes);
  const parsed = parseOrRefuse(paths.join(', '), () =>
    parseLinkedin(entries, {
      ...(owner ? { ownerProfileUrl: owner } : {}),
      ...(givenName ? { ownerName: givenName } : {}),
      ...(exportedAt === undefined ? {} : { exportedAt }),
    }),
  );
  opts.onProgress?.('reading', bytes, bytes);
  // a Ctrl-C during the reading is acted on now, before anything is written
  await breathe();
  if (grouped) refuseUnread(parsed.issues, paths);
  if (parsed.ownerProfileUrl) {
    report.me = { addresses: [parsed.ownerProfileUrl], guessed: parsed.ownerGuess !== undefined };
  } else if (parsed.ownerName && parsed.records.some((r) => r.kind === 'interaction'))
    // an old export without profile URLs: the user is the name its messages give them
    report.me = { addresses: [], name: parsed.ownerName, guessed: parsed.ownerGuess !== undefined };
  await ImportSession.run(
    ctx,
    { file: path, source: LINKEDIN_SOURCE, report, dryRun: opts.dryRun ?? false },
    async (s) => {
      for (const issue of parsed.issues) s.issue(issue);
      // the user named another profile than the one remembered: this export's messages stored
      // under the old one had their directions (and the user, as someone else) wrong, so they are
      // read again; those of other exports stay as they are (the old profile may have been the
      // user's too, before a new public URL)
      if (given !== undefined && remembered !== undefined && given !== remembered && parsed.ownerProfileUrl === given) {
        const stored: number[] = [];
        for (const r of parsed.records)
          if (r.kind === 'interaction' && r.externalId.startsWith(LINKEDIN_MESSAGE_KEY))
            for (const key of [r.externalId, ...(r.formerIds ?? [])]) stored.push(...(await s.storedIds({ key })));
        await s.removeInteractions([...new Set(stored)]);
        const { takenOut, held } = await takeOutUser(ctx, s.db, { addresses: [], profile: given });
        s.forgetPeople(takenOut.map((t) => t.id));
        if (takenOut.length > 0) report.takenOut = [...(report.takenOut ?? []), ...takenOut];
        if (held.length > 0) report.ownAddressHeld = [...(report.ownAddressHeld ?? []), ...held];
      }
      collectGarbage();
      const total = parsed.records.length;
      let done = 0;
      // people first, so that messages find them by profile
      for (const r of parsed.records) if (r.kind === 'person') await s.person(r);
      for (const r of parsed.records) {
        if (r.kind === 'interaction') await s.interaction(r);
        else if (r.kind === 'exchange') await s.exchange(r);
        if (++done % 500 === 0) {
          opts.onProgress?.('records', done, total);
          await breathe();
        }
        if (done % 10_000 === 0) collectGarbage();
      }
      opts.onProgress?.('records', done, total);
    },
    (done, total) => opts.onProgress?.('scoring', done, total),
  );
  // remembered once the import went through; a guess only when nobody else fits as well (one
  // conversation decides nothing)
  const keep = parsed.ownerGuess === undefined || parsed.ownerGuess.certain;
  if (parsed.ownerProfileUrl && keep && normalizeProfileUrl(parsed.ownerProfileUrl) !== remembered && !opts.dryRun)
    await rememberLinkedinProfile(ctx, parsed.ownerProfileUrl);
}

/**
 * The date LinkedIn writes in an export's name (Basic_LinkedInDataExport_03-15-2024.zip, or the
 * folder it was unpacked into), month first; undefined when no path holds one.
 */
export function exportDate(paths: readonly string[]): number | undefined {
  for (const path of paths) {
    const m = /LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})/i.exec(path);
    if (!m) continue;
    const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(year, month - 1, day);
    if (month >= 1 && month <= 12 && new Date(t).getUTCDate() === day) return t;
  }
  return undefined;
}
