import { createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { holdsCalendarPart, saysMultipart } from '../../importers/calendar-part.js';
import { looksBinary } from '../../importers/decode.js';
import { utf16FromBase64 } from '../../importers/encoded-words.js';
import {
  countAddresses,
  listsOf,
  type MailContext,
  type MailLists,
  mailContext,
  mailItem,
  ReconsideredMail,
} from '../../importers/mail.js';
import { MailBytes, mailHead } from '../../importers/mail-bytes.js';
import { folderKind } from '../../importers/mail-folders.js';
import { importedMessageIssues, type MailMessage, parseHeaders } from '../../importers/mail-headers.js';
import { headerBlock, looksLikeEmail, looksLikeMbox, MboxSplitter } from '../../importers/mail-split.js';
import type { ParseIssue } from '../../importers/records.js';
import { type Context, latestPossible } from '../context.js';
import { AppError } from '../errors.js';
import { fileSize, unreadable } from '../file-text.js';
import type { ImportReport } from '../import-report.js';
import { expandFolders } from './folders.js';
import { breathe, collectGarbage } from './heap.js';
import { keepTabMail } from './kept-tab-mail.js';
import { takeOutLists } from './lists-taken-out.js';
import { knownLists, rememberLists, writtenToAddresses } from './mail-lists.js';
import { BATCH_MESSAGES } from './mbox-protocol.js';
import { batchRecords, mboxAddressCounts, mboxBatches } from './mbox-reader.js';
import type { Me } from './me.js';
import type { ImportOptions } from './options.js';
import { ImportSession } from './session.js';

/** Mail from any file (mbox or eml) shares one source, so the same message never counts twice. */
export const MAIL_SOURCE = 'email';
/** A single message file larger than this is refused (an mbox has no limit: it is streamed). */
const MAX_EML_BYTES = 256 * 2 ** 20;
/** Only the headers of a single message are read. */
const EML_HEAD_BYTES = 256 * 1024;
/**
 * Messages between two full collections of the heap while an mbox is imported (see heap.ts). The
 * main thread's heap grows by about 30 MB of garbage per 25,000 messages: at 100,000 the CLI
 * peaked at 283–297 MB on the gigabyte mailbox, at 25,000 at 247–266 MB, for some 30 more
 * collections of 35–170 ms each.
 */
const COLLECT_EVERY = 25_000;

function isIssue(x: MailMessage | ParseIssue): x is ParseIssue {
  return 'code' in x;
}

/** The first bytes of a file, for recognising its format before reading it. */
export async function headOf(file: string, bytes: number): Promise<Buffer> {
  // a file that cannot be opened (permissions) is refused in a sentence, as every format's is
  const handle = await open(file, 'r').catch((e: unknown) => {
    throw unreadable(file, e);
  });
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The first bytes of a single message: Apple Mail's .emlx starts with a line giving the
 * message's length in bytes, passed over here (the plist after the message is never reached).
 */
async function messageHeadOf(file: string, bytes: number): Promise<Buffer> {
  const head = mailHead(await headOf(file, bytes));
  const count = /^\d{1,12}[ \t]*\r?\n/.exec(head.subarray(0, 32).toString('latin1'));
  return count ? head.subarray(count[0].length) : head;
}

/** An Outlook .msg file is an OLE compound file: it starts with these bytes. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** How much of a file is looked at to tell whether it is mail. */
const HEAD_BYTES = 64 * 1024;

/** Whether the start of a file, all of it when shorter than HEAD_BYTES, is nothing but blank lines (or a BOM). */
function onlyBlank(head: Buffer): boolean {
  return head.length < HEAD_BYTES && /^[\s\uFEFF]*$/.test(head.toString('latin1').replace(/^\xEF\xBB\xBF/, ''));
}

/** Whether a mailbox holds no message: no byte, or only blank lines (Thunderbird's empty Trash). */
export async function isEmptyMailbox(file: string): Promise<boolean> {
  const head = await headOf(file, HEAD_BYTES).catch(() => undefined);
  return head !== undefined && onlyBlank(head);
}

/** Refuses a file that is not the mail format named, before anything is written. */
export async function checkMailFile(file: string, format: 'mbox' | 'eml'): Promise<void> {
  await fileSize(file, format === 'eml' ? MAX_EML_BYTES : Number.MAX_SAFE_INTEGER);
  const head = format === 'eml' ? await messageHeadOf(file, HEAD_BYTES) : mailHead(await headOf(file, HEAD_BYTES));
  if (head.length === 0) throw new AppError('file_rejected', `${file} is empty`);
  if (onlyBlank(head)) throw new AppError('file_rejected', `${file} is empty (it holds only blank lines)`);
  if (head.subarray(0, 8).equals(OLE_MAGIC))
    throw new AppError(
      'file_rejected',
      `${file} is an Outlook .msg file, which Rapport does not read: save the message as .eml, or export the folder to an mbox, and import that`,
    );
  // an mbox may carry a raw 8-bit part early on; a single message's headers never hold binary
  if (format === 'eml' && looksBinary(head))
    throw new AppError('file_rejected', `${file} is not an email message: it holds binary data`);
  if (format === 'mbox' && !looksLikeMbox(head))
    throw new AppError(
      'file_rejected',
      /^(?:\uFEFF)?\s*From /.test(
        head
          .subarray(0, 1024)
          .toString('latin1')
          .replace(/^\xEF\xBB\xBF/, ''),
      )
        ? `${file} is not an mbox file: its first "From " line is not followed by mail headers`
        : `${file} is not an mbox file: it does not start with a "From " line${looksLikeEmail(head) ? ' (it looks like a single message: use eml)' : ''}`,
    );
  if (format === 'eml' && looksLikeMbox(head)) {
    // a message saved out of an mbox keeps its "From " line: fine, unless more messages follow
    if ((await mboxMessages(file, 2)) > 1)
      throw new AppError('file_rejected', `${file} is not an email message: it holds several (an mbox: use mbox)`);
    return;
  }
  if (format === 'eml' && !looksLikeEmail(head))
    throw new AppError('file_rejected', `${file} is not an email message: it does not start with header lines`);
}

/** How many messages an mbox file holds, counting up to `max` (reading stops there). */
async function mboxMessages(file: string, max: number): Promise<number> {
  const splitter = new MboxSplitter();
  const bytes = new MailBytes();
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    n += splitter.push(bytes.push(chunk as Buffer)).length;
    if (n >= max) return n;
  }
  return n + splitter.push(bytes.end()).length + splitter.end().length;
}

/**
 * The message files a list of paths names: files as given, and for a folder (a Maildir, a folder
 * of saved .eml files) every file under it that starts like one email message. Left out: hidden
 * files, a Maildir's tmp/ (mail still being delivered), junk, spam and drafts folders, and
 * anything else (whose paths go to `leftOut`). Maildir++ subfolders (.Sent/cur/…) are read. A
 * folder holding no message is refused.
 */
export function expandMessageFiles(
  paths: readonly string[],
  leftOut: { file: string; reason: string }[] = [],
): Promise<string[]> {
  return expandFolders(paths, 'email message', async (parts, full) => {
    if (!isMessagePath(parts, full)) return false;
    try {
      await checkMailFile(full, 'eml');
      return true;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'file_rejected')) throw error;
      // anything else in a folder of messages is named in the report with why, not passed over in silence
      leftOut.push({
        file: full,
        reason: error.message.startsWith(full) ? error.message.slice(full.length + 1) : error.message,
      });
      return false;
    }
  });
}

/** What mail servers keep beside the messages of a Maildir (Dovecot's indexes, Courier's lists): never messages. */
const MAIL_SERVER_FILE =
  /^(?:dovecot[-.].*|subscriptions|maildirfolder|maildirsize|courierimap.*|courierpop3dsizelist|\.?uidvalidity)$/i;

/**
 * The mbox files a list of paths names: files as given, and for a folder (Apple Mail's
 * Inbox.mbox/, Thunderbird's profile folder) every file under it that starts with a "From "
 * line, hidden ones and drafts, junk and spam aside. A folder holding none is refused.
 */
export async function expandMboxFiles(
  paths: readonly string[],
  leftOut: { file: string; reason: string; code?: string }[] = [],
): Promise<string[]> {
  let passedOver = 0;
  const found = await expandFolders(paths, 'mbox file', async (parts, full) => {
    if (parts.some((part) => part.startsWith('.') || isNotConversation(part))) return false;
    if (looksLikeMbox(mailHead(await headOf(full, 4096)))) return true;
    // what mail programs keep beside their mailboxes is passed over; anything else is named
    if (MAIL_PROGRAM_FILE.test(parts.at(-1) ?? '')) return false;
    if (leftOut.length >= MAX_NAMED_LEFT_OUT) passedOver++;
    else {
      const message = await checkMailFile(full, 'eml').then(
        () => true,
        () => false,
      );
      leftOut.push({
        file: full,
        code: 'not_a_mailbox',
        reason: message
          ? 'is a single message, not a mailbox (import eml reads it)'
          : 'is not a mailbox: no "From " line starts it',
      });
    }
    return false;
  });
  if (passedOver > 0)
    leftOut.push({
      file: paths.join(', '),
      code: 'not_a_mailbox',
      reason: `${passedOver} more ${passedOver === 1 ? 'file is' : 'files are'} not a mailbox`,
    });
  return found;
}

/** Files left out of a folder named one by one in the report, at most. */
const MAX_NAMED_LEFT_OUT = 20;

/**
 * What Thunderbird, Apple Mail and Evolution keep beside mailbox files: indexes, settings, logs.
 */
const MAIL_PROGRAM_FILE =
  /\.(?:msf|dat|json|js|html?|plist|sqlite(?:-wal|-shm)?|mozlz4|lock|log|ibex|cmeta|summary|ev-summary|db)$|^(?:table_of_contents|Info\.plist|lock|parentlock|\.?DS_Store)$/i;

/**
 * Folders (and Thunderbird or Apple Mail mailbox files) of mail that was never a conversation:
 * unsent drafts, junk, spam, templates, the outbox (Thunderbird's "Unsent Messages"); by the last name of a Maildir++ folder (.INBOX.Drafts) and without
 * .mbox (Drafts.mbox).
 */
function isNotConversation(part: string): boolean {
  const name = imapFolderName(
    part
      .replace(/\.mbox$/i, '')
      .split('.')
      .filter(Boolean)
      .pop() ?? '',
  );
  const kind = folderKind(name);
  return kind !== undefined && kind !== 'sent';
}

/**
 * A folder name as IMAP servers write it on disk (Dovecot's Maildir: modified UTF-7, "Entw&APw-rfe"
 * for Entwürfe); other names as they are.
 */
export function imapFolderName(name: string): string {
  if (!name.includes('&')) return name;
  return name.replace(/&([A-Za-z0-9+,]*)-/g, (_, b64: string) =>
    b64 === '' ? '&' : utf16FromBase64(b64.replace(/,/g, '/')),
  );
}

function isMessagePath(parts: readonly string[], full: string): boolean {
  const name = parts.at(-1) ?? '';
  if (name.startsWith('.') || MAIL_SERVER_FILE.test(name)) return false;
  for (const [i, part] of parts.slice(0, -1).entries()) {
    if (isNotConversation(part)) return false;
    // a Maildir's tmp/ (a folder that also holds cur/ or new/) holds half-delivered mail
    if (part === 'tmp' && isMaildir(ancestor(full, parts.length - i))) return false;
    // hidden folders are skipped, except Maildir++ folders (.Sent/cur/…)
    if (part.startsWith('.') && !['cur', 'new'].includes(parts[i + 1] ?? '')) return false;
  }
  return true;
}

/** The folder `levels` above a path. */
function ancestor(path: string, levels: number): string {
  let dir = path;
  for (let k = 0; k < levels; k++) dir = dirname(dir);
  return dir;
}

/** Whether a folder is a Maildir: it holds cur/ or new/ (beside tmp/). */
function isMaildir(dir: string): boolean {
  return existsSync(join(dir, 'cur')) || existsSync(join(dir, 'new'));
}

/**
 * The header block of a single-message file (its first bytes are enough), and whether a part
 * among those bytes is a calendar's invitation or answer (see calendar-part.ts).
 */
async function emlHeaders(file: string): Promise<{ headers: Buffer; calendarPart: boolean }> {
  const head = await messageHeadOf(file, EML_HEAD_BYTES);
  const headers = headerBlock(head);
  // the header block is a view of the head: its body follows it there
  const bodyStart = headers.byteOffset - head.byteOffset + headers.length;
  const calendarPart = saysMultipart(headers) && holdsCalendarPart(head, bodyStart, head.length);
  return { headers, calendarPart };
}

function count(counts: Map<string, number>, m: MailMessage | ParseIssue): void {
  if (isIssue(m)) return;
  for (const address of new Set(countAddresses(m))) counts.set(address, (counts.get(address) ?? 0) + 1);
}

/**
 * Turns one parsed message into an interaction in the session, or counts why not; then takes
 * the mail skipped before that the message makes the user's (see ReconsideredMail).
 */
async function take(
  s: ImportSession,
  m: MailMessage | ParseIssue,
  me: ReadonlySet<string>,
  context: MailContext,
  reconsidered: ReconsideredMail,
) {
  const item = mailItem(m, me, 'eml', context);
  if ('code' in item) s.badRecord(item);
  else if ('skip' in item) s.skip(item.skip);
  else await s.interaction(item);
  if (!isIssue(m) && 'kind' in item) for (const issue of importedMessageIssues(m)) s.issue(issue);
  reconsidered.keep(m, item, s.file);
  const file = s.file;
  for (const earlier of reconsidered.involved(context)) {
    s.skip(earlier.reason, -1);
    // its issues name its own file
    s.file = earlier.origin;
    const again = mailItem(earlier.message, me, 'eml', context);
    if ('code' in again) s.badRecord(again);
    else if ('skip' in again) s.skip(again.skip);
    else await s.interaction(again);
  }
  s.file = file;
}

/**
 * Imports an mbox file in one transaction, read on a worker thread. When the user's address must
 * be guessed, every file of the import (`all`) is read for it first: the address in the most
 * messages of them all, whichever file comes first.
 */
export async function importMbox(
  ctx: Context,
  file: string,
  report: ImportReport,
  opts: ImportOptions,
  me: Me,
  all: readonly string[] = [file],
): Promise<void> {
  const total = await fileSize(file, Number.MAX_SAFE_INTEGER);
  const addresses = await me.get(async () => {
    const counts = new Map<string, number>();
    let before = 0;
    let read = 0; // messages of the files before: the count shown is of them all, as the bar is
    const sizes = await Promise.all(all.map((f) => fileSize(f, Number.MAX_SAFE_INTEGER)));
    const everything = sizes.reduce((a, b) => a + b, 0);
    for (const [k, f] of all.entries()) {
      // the bar is over every file; the file it is at is named (not the one being imported)
      const at = all.length > 1 ? { name: f, index: k + 1, count: all.length } : undefined;
      // a file that cannot be read is refused when its own turn comes
      const found = await mboxAddressCounts(f, (done, n) =>
        opts.onProgress?.('finding your address', before + done, everything, read + n, at),
      ).catch((error: unknown) => {
        if (f === file) throw error;
        return undefined;
      });
      for (const [address, n] of found?.counts ?? []) counts.set(address, (counts.get(address) ?? 0) + n);
      before += sizes[k] ?? 0;
      read += found?.messages ?? 0;
    }
    return counts;
  });
  await ImportSession.run(
    ctx,
    { file, source: MAIL_SOURCE, report, dryRun: opts.dryRun ?? false },
    async (s) => {
      const listsBefore = await knownLists(ctx, s.db);
      const batches = mboxBatches(file, addresses, {
        now: latestPossible(ctx),
        lists: listsBefore,
        writtenTo: await writtenToAddresses(ctx, s.db),
      });
      try {
        let next = await batches.next();
        for (; !next.done; next = await batches.next()) {
          const batch = next.value;
          // each issue is a message that could not be read: counted among the records read
          // a record's issue is about a message left out, unless it says otherwise
          for (const issue of batch.issues) s.issue({ ...issue, dropped: issue.dropped ?? true });
          for (const [reason, n] of Object.entries(batch.skips)) s.skip(reason, n);
          for (const record of batchRecords(batch)) await s.interaction(record);
          opts.onProgress?.('messages', batch.bytes, total, batch.messages);
          if (batch.messages % COLLECT_EVERY < BATCH_MESSAGES) collectGarbage();
          await breathe();
        }
        if (next.value.messages === 0)
          throw new AppError('file_rejected', `${file} holds no messages: no "From " line starts one`);
        // the lists this file showed are known to the next one (in this transaction: all or nothing)
        if (next.value.lists) await learnLists(ctx, s.db, report, listsBefore, next.value.lists);
        if (next.value.aliases) await me.learn(next.value.aliases, s.db);
        // tab mail from nobody the user wrote to yet: a later file or import may show them writing
        const tabs = (next.value.tabs ?? []).map((t) => ({ json: t.json, reason: t.reason, file }));
        await keepTabMail(ctx, s.db, report, MAIL_SOURCE, tabs);
      } finally {
        // stops the reader's worker when storing fails half-way: a live worker keeps the process up
        await batches.return({ messages: 0 });
      }
    },
    (done, totalPeople) => opts.onProgress?.('scoring', done, totalPeople),
  );
}

/**
 * Remembers the lists a file showed (for the next files) and takes out the people that earlier
 * messages made of the new ones' addresses, in the file's transaction.
 */
async function learnLists(
  ctx: Context,
  db: Context['store']['db'],
  report: ImportReport,
  before: MailLists,
  seen: MailLists,
): Promise<void> {
  await rememberLists(ctx, db, seen);
  const known = { posts: new Set(before.posts), ids: new Set(before.ids) };
  const fresh = {
    posts: seen.posts.filter((p) => !known.posts.has(p)),
    ids: seen.ids.filter((i) => !known.ids.has(i)),
  };
  const taken = await takeOutLists(ctx, db, fresh);
  if (taken.length > 0) report.listsTakenOut = [...(report.listsTakenOut ?? []), ...taken];
}

/**
 * Imports single-message files together, in one transaction (all or nothing), so that answers
 * are threaded across files by their headers or, without them, by subject.
 */
export async function importEml(
  ctx: Context,
  files: readonly string[],
  report: ImportReport,
  opts: ImportOptions,
  me: Me,
): Promise<void> {
  // headers only, a few kilobytes per file: read them all, then take them in time order so
  // that answers without reply headers follow the message they answer
  const parsed: { file: string; m: MailMessage | ParseIssue }[] = [];
  for (const file of files) {
    const { headers, calendarPart } = await emlHeaders(file);
    const m = parseHeaders(headers, { line: 1, record: 'the message' }, undefined, latestPossible(ctx));
    if (!isIssue(m) && calendarPart) m.calendar = true;
    // a Maildir file whose flags (after ":2,") hold T was deleted in the mail program, not yet expunged
    if (!isIssue(m) && /:2,[A-Za-z]*T[A-Za-z]*$/.test(basename(file))) m.deleted = true;
    // …and one whose flags hold D is a draft, whatever its folder is called (Entwürfe, Brouillons)
    if (!isIssue(m) && /:2,[A-Za-z]*D[A-Za-z]*$/.test(basename(file))) m.unsent = true;
    parsed.push({ file, m });
  }
  const at = (x: MailMessage | ParseIssue) => (isIssue(x) ? 0 : (x.date ?? 0));
  parsed.sort((a, b) => at(a.m) - at(b.m));
  const addresses = await me.get(async () => {
    const counts = new Map<string, number>();
    for (const { m } of parsed) count(counts, m);
    return counts;
  });
  const label = files.length === 1 ? (files[0] as string) : `${files.length} message files`;
  await ImportSession.run(
    ctx,
    { file: label, source: MAIL_SOURCE, report, dryRun: opts.dryRun ?? false },
    async (s) => {
      let done = 0;
      const listsBefore = await knownLists(ctx, s.db);
      const context = mailContext(latestPossible(ctx), listsBefore, await writtenToAddresses(ctx, s.db));
      const reconsidered = new ReconsideredMail();
      for (const { file, m } of parsed) {
        s.file = file;
        await take(s, m, addresses, context, reconsidered);
        if (++done % 100 === 0) {
          opts.onProgress?.('messages', done, files.length);
          await breathe();
        }
      }
      opts.onProgress?.('messages', done, files.length);
      await learnLists(ctx, s.db, report, listsBefore, listsOf(context));
      await me.learn([...context.aliases], s.db);
      const tabs = reconsidered.tabs().map((t) => ({ json: t.json, reason: t.reason, file: t.origin }));
      await keepTabMail(ctx, s.db, report, MAIL_SOURCE, tabs);
    },
    (done, total) => opts.onProgress?.('scoring', done, total),
  );
}
