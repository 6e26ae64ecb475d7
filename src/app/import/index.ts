import { looksBinary } from '../../importers/decode.js';
import { googleHeadProblem } from '../../importers/google.js';
import type { Context } from '../context.js';
import { findDuplicates } from '../duplicates.js';
import { AppError } from '../errors.js';
import { fileSize, unreadable } from '../file-text.js';
import { importJson } from '../import-json.js';
import { emptyReport, type ImportReport } from '../import-report.js';
import { importCalendar, MAX_ICS_BYTES } from './calendar.js';
import { importContacts } from './contacts.js';
import { expandByExtension } from './folders.js';
import { attachKnownParticipants, storeKeptAside } from './kept-aside.js';
import { storeKeptTabMail } from './kept-tab-mail.js';
import { expandLinkedinExports, exportDate, importLinkedin, linkedinEntries } from './linkedin.js';
import {
  checkMailFile,
  expandMboxFiles,
  expandMessageFiles,
  headOf,
  importEml,
  importMbox,
  isEmptyMailbox,
} from './mail.js';
import { Me, splitMe } from './me.js';
import { forFile, type ImportOptions } from './options.js';
import { countStrangers, dryRunTogether } from './session.js';

export const IMPORT_FORMATS = ['linkedin', 'google', 'vcard', 'ics', 'mbox', 'eml', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const FORMAT_NAMES: Record<ImportFormat, string> = {
  linkedin: 'LinkedIn export',
  google: 'Google Contacts CSV',
  vcard: 'vCard',
  ics: 'iCalendar',
  mbox: 'mbox',
  eml: 'email message',
  json: 'Rapport JSON',
};

/** What a folder given for these formats is read for: the files with these endings, and what they are called. */
const FOLDER_FILES: Partial<Record<ImportFormat, [readonly string[], string]>> = {
  vcard: [['vcf', 'vcard'], 'vCard file (.vcf)'],
  google: [['csv'], 'CSV file'],
  ics: [['ics', 'ical', 'icalendar'], 'iCalendar file (.ics)'],
};

const SIGNATURES: Partial<Record<ImportFormat, { marker: RegExp; what: string }>> = {
  vcard: { marker: /BEGIN:VCARD/i, what: 'a vCard file: no BEGIN:VCARD line found' },
  ics: { marker: /BEGIN:VCALENDAR/i, what: 'an iCalendar file: no BEGIN:VCALENDAR line found' },
};

/**
 * Checks a file before anything is written: it exists, is not binary, and starts the way its
 * format does. Throws the refusal (an AppError, file_rejected).
 */
async function precheck(format: ImportFormat, file: string): Promise<void> {
  if (format !== 'linkedin') await refuseArchive(file);
  if (format === 'mbox' || format === 'eml') {
    await checkMailFile(file, format);
    return;
  }
  if (format === 'json') return; // checked when read (importJson reads every file first)
  if (format === 'linkedin') {
    await linkedinEntries(file); // a zip, folder or CSV with none of the export's files is refused
    return;
  }
  // a file read whole is refused for its size before anything else is said of it
  if (format === 'ics') await fileSize(file, MAX_ICS_BYTES);
  let head: Buffer;
  try {
    head = await headOf(file, 64 * 1024);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (head.length === 0) throw new AppError('file_rejected', `${file} is empty`);
  if (looksBinary(head))
    throw new AppError('file_rejected', `${file} is not ${article(FORMAT_NAMES[format])} file: it holds binary data`);
  const signature = SIGNATURES[format];
  if (signature && head.length < 64 * 1024 && !signature.marker.test(new TextDecoder().decode(head).replace(/\0/g, '')))
    throw new AppError('file_rejected', `${file} is not ${signature.what}`);
  const problem = format === 'google' ? googleHeadProblem(head) : undefined;
  if (problem) throw new AppError('file_rejected', `${file}: ${problem}`);
}

/** A gzip file or a zip archive (a Takeout download, a mailbox compressed to send it) is refused with what to do. */
async function refuseArchive(file: string): Promise<void> {
  const head = await headOf(file, 512).catch(() => Buffer.alloc(0));
  // a .tgz (Google Takeout's other choice) unpacks to a folder at once; a plain .gz to one file
  if (head[0] === 0x1f && head[1] === 0x8b)
    throw new AppError(
      'file_rejected',
      /\.(?:tgz|tar\.gz)$/i.test(file)
        ? `${file} is a compressed tar archive: unpack it first (tar xzf "${file}") and import the folder it gives`
        : `${file} is compressed (gzip): extract it first (gunzip -k "${file}") and import what it holds`,
    );
  // a tar archive: "ustar" at byte 257 of its first header
  if (head.toString('latin1', 257, 262) === 'ustar')
    throw new AppError(
      'file_rejected',
      `${file} is a tar archive: unpack it first (tar xf "${file}") and import the folder it gives`,
    );
  if (head.toString('latin1', 0, 4) === 'PK\x03\x04')
    throw new AppError(
      'file_rejected',
      `${file} is a zip archive: extract it first and import the files it holds (a folder of them will do)`,
    );
}

/** "a vCard", "an iCalendar", "an mbox": the article a format's name takes. */
function article(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** A file of a list not imported, and why (a file in a mail folder that is no message, an empty mailbox). */
interface LeftOut {
  file: string;
  reason: string;
  code?: string;
}

/** The groups `rapport duplicates` lists after the import (at most DUPLICATE_GROUPS_COUNTED), when it made or found people. */
async function countDuplicateGroups(ctx: Context, report: ImportReport): Promise<void> {
  if (report.people.created + report.people.matched === 0) return;
  // said once the files are stored: whatever goes wrong here, the import stands, the count unsaid
  try {
    report.duplicateGroups = (await findDuplicates(ctx, DUPLICATE_GROUPS_COUNTED)).length;
  } catch {}
}

const DUPLICATE_GROUPS_COUNTED = 1000;

/** Imports files of one format; each file (each LinkedIn export, each batch of messages) is one transaction. */
export async function importFiles(
  ctx: Context,
  format: ImportFormat,
  files: readonly string[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  if (format === 'json') {
    const report = await importJson(ctx, files, {
      dryRun: opts.dryRun ?? false,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      // what `duplicates` would list, said on a dry run as after the real one
      beforeRollback: countDuplicateGroups,
    });
    // a dry run of a copy wrote nothing that could make a message kept aside due
    if (!opts.dryRun) {
      await storeKeptTabMail(ctx, report, false);
      await storeKeptAside(ctx, report, false);
      await attachKnownParticipants(ctx, report, false);
      await countDuplicateGroups(ctx, report);
    }
    return report;
  }
  splitMe(opts.me ?? [], format === 'linkedin'); // a wrong --me is refused before anything is read
  const leftOut: LeftOut[] = [];
  const found =
    format === 'eml'
      ? await expandMessageFiles(files, leftOut)
      : format === 'mbox'
        ? await expandMboxFiles(files, leftOut)
        : format in FOLDER_FILES
          ? await expandByExtension(files, ...(FOLDER_FILES[format] as [readonly string[], string]))
          : format === 'linkedin'
            ? await expandLinkedinExports(files)
            : files;
  // an empty mailbox among others (Thunderbird keeps one for an empty Trash or Drafts) holds no
  // messages: named in the report, not a reason to refuse the others
  const paths: string[] = [];
  for (const file of found)
    if (format === 'mbox' && found.length > 1 && (await isEmptyMailbox(file)))
      leftOut.push({ file, reason: 'is empty (no messages)', code: 'empty' });
    else paths.push(file);
  if (paths.length === 0) throw new AppError('file_rejected', `${found.join(', ')}: every one is empty (no messages)`);
  // every file is checked before anything is written: a wrong one refuses the whole list, naming it
  const refusals: string[] = [];
  const given = new Set(files);
  for (const file of paths) {
    // a message found in a folder was checked as it was found
    if (format === 'eml' && !given.has(file)) continue;
    try {
      await precheck(format, file);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'file_rejected') || paths.length === 1) throw error;
      refusals.push(error.message);
    }
  }
  if (refusals.length > 0)
    throw new AppError(
      'file_rejected',
      `${refusals.join('; ')}; nothing was imported (${refusals.length} of ${paths.length} files refused)`,
    );
  // a dry run takes its files in one transaction, rolled back at the end (see dryRunTogether), so
  // that the bulk messages they make due are stored as the real import would store them
  const all = async (c: Context) => {
    const report = await importPaths(c, format, paths, leftOut, opts);
    // tab mail first: the people it adds may be those that bulk mail kept aside went to
    await storeKeptTabMail(c, report, opts.dryRun ?? false);
    await storeKeptAside(c, report, opts.dryRun ?? false);
    await attachKnownParticipants(c, report, opts.dryRun ?? false);
    await countStrangers(c, report);
    await countDuplicateGroups(c, report);
    return report;
  };
  return opts.dryRun ? dryRunTogether(ctx, all) : all(ctx);
}

/** Imports the files of a list already checked, each in its own transaction (or savepoint). */
async function importPaths(
  ctx: Context,
  format: Exclude<ImportFormat, 'json'>,
  paths: readonly string[],
  leftOut: readonly LeftOut[],
  opts: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport(format, opts.dryRun ?? false);
  for (const { file, reason, code } of leftOut)
    report.issues.push({ file, line: null, code: code ?? 'not_a_message', message: `${reason}; left out` });
  const me = new Me(ctx, opts.me ?? [], report, opts.dryRun ?? false);
  if (format === 'linkedin' && paths.length > 1 && paths.every((p) => /\.csv$/i.test(p))) {
    // the CSV files of one export, given one by one: one export, one transaction. Files of
    // several exports (folders named by different dates) are as many exports, each of its date,
    // in one transaction still: a file refused leaves nothing of the others written
    const exports = new Map<number | undefined, string[]>();
    for (const p of paths) exports.set(exportDate([p]), [...(exports.get(exportDate([p])) ?? []), p]);
    if (exports.size === 1) await importLinkedin(ctx, paths, report, opts);
    else
      await ctx.store.db.transaction().execute(async (trx) => {
        const one = { ...ctx, store: { ...ctx.store, db: trx } };
        for (const files of exports.values()) await importLinkedin(one, files, report, opts);
      });
    report.files.push(...paths);
    return report;
  }
  if (format === 'eml') {
    await importEml(ctx, paths, report, opts, me);
    report.files.push(...paths);
    return report;
  }
  for (const [k, file] of paths.entries()) {
    const here = forFile(opts, paths, k);
    try {
      if (format === 'vcard' || format === 'google') await importContacts(ctx, format, file, report, here, me);
      else if (format === 'ics') await importCalendar(ctx, file, report, here, me, paths);
      else if (format === 'mbox') await importMbox(ctx, file, report, here, me, paths);
      else await importLinkedin(ctx, [file], report, here);
    } catch (error) {
      // a file found not to be of the format once read: nothing of it was written (its transaction
      // rolled back); the other files of the list still import, and the report names it
      if (!(error instanceof AppError && error.code === 'file_rejected') || paths.length === 1) throw error;
      report.refused = [...(report.refused ?? []), { file, message: error.message }];
      continue;
    }
    report.files.push(file);
  }
  if (report.refused && report.files.length === 0)
    throw new AppError('file_rejected', report.refused.map((r) => r.message).join('; '));
  return report;
}
