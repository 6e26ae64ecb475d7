import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { normalizeProfileUrl } from '../../domain/identity.js';
import { isOwnAddress, normalizeEmail } from '../../domain/person.js';
import { formatInstant } from '../../domain/time.js';
import { GoogleContactsStream } from '../../importers/google.js';
import { NotThisFormat, type ParseResult, type PersonRecord } from '../../importers/records.js';
import { VcardStream } from '../../importers/vcard.js';
import { type Context, latestPossible } from '../context.js';
import { takeOutUser } from '../duplicates.js';
import { AppError } from '../errors.js';
import { fileSize, unreadable } from '../file-text.js';
import type { ImportReport } from '../import-report.js';
import { breathe } from './heap.js';
import { type Me, rememberedLinkedinProfile, rememberLinkedinProfile, splitMe } from './me.js';
import type { ImportOptions } from './options.js';
import { ImportSession } from './session.js';

/** Contact files (vCard, Google CSV) are read in chunks of this size. */
const CHUNK_BYTES = 1024 * 1024;

/** Parses a contacts file, turning "not this format" into a refusal that names the file. */
export function parseOrRefuse<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof NotThisFormat) throw new AppError('file_rejected', `${file}: ${error.message}`);
    // a value longer than a string may be (about 512 million characters): said, not thrown
    if (error instanceof RangeError && /string length|string longer/i.test(error.message))
      throw new AppError('file_rejected', `${file}: a value in it is too long to read (over 500 million characters)`);
    throw error;
  }
}

/**
 * Takes one contact record, unless it is the user's own card (Apple and Google exports hold it):
 * the user is not one of their relationships.
 */
async function takeContact(s: ImportSession, record: PersonRecord, mine: Mine): Promise<void> {
  if (
    record.emails.some((e) => isOwnAddress(mine.addresses, normalizeEmail(e))) ||
    (mine.profile !== undefined && normalizeProfileUrl(record.profileUrl) === mine.profile)
  )
    s.skip('own_card');
  else await s.person(record);
}

/** The user's addresses and LinkedIn profile, by which their own card is known. */
interface Mine {
  readonly addresses: ReadonlySet<string>;
  readonly profile?: string | undefined;
}

/** vCard or Google Contacts: people, matched to those already known, one transaction per file. */
export async function importContacts(
  ctx: Context,
  format: 'vcard' | 'google',
  file: string,
  report: ImportReport,
  opts: ImportOptions,
  me: Me,
): Promise<void> {
  // the user's addresses, given with --me (and remembered) or remembered: never guessed here;
  // their LinkedIn profile likewise (a card holding it is theirs)
  const addresses = await me.get(async () => new Map(), { needed: false });
  const given = splitMe(opts.me ?? []).profile;
  if (given !== undefined && !opts.dryRun && given !== (await rememberedLinkedinProfile(ctx))) {
    await rememberLinkedinProfile(ctx, given);
    // a person an earlier import made of the user's own card is the user
    const { takenOut, held } = await ctx.store.db
      .transaction()
      .execute((db) => takeOutUser(ctx, db, { addresses: [], profile: given }));
    if (takenOut.length > 0) report.takenOut = [...(report.takenOut ?? []), ...takenOut];
    if (held.length > 0) report.ownAddressHeld = [...(report.ownAddressHeld ?? []), ...held];
  }
  const profile = given ?? (await rememberedLinkedinProfile(ctx));
  const stream = format === 'vcard' ? new VcardStream() : new GoogleContactsStream();
  await streamContacts(ctx, file, format, stream, report, opts, { addresses, profile });
}

/**
 * A contacts file of any size, streamed: each record goes to the session as soon as it is read
 * (a card ends, a segment of CSV rows is read), so memory holds a chunk and what is being read,
 * never the file. A file found not to be its format part way (binary from its first bytes, a
 * header that is not Google's, no BEGIN:VCARD line by its end) is refused from inside the session,
 * whose transaction then rolls back: nothing of it is written.
 */
async function streamContacts(
  ctx: Context,
  file: string,
  format: 'vcard' | 'google',
  stream: Pick<VcardStream, 'push' | 'end'>,
  report: ImportReport,
  opts: ImportOptions,
  mine: Mine,
): Promise<void> {
  const total = await fileSize(file, Number.MAX_SAFE_INTEGER);
  // a record that does not say when it was true (a card without REV, a CSV row) is as of its file
  const fileTime = (await stat(file).catch(() => undefined))?.mtimeMs;
  // (a file dated ahead of the clock is as of now)
  const asOf = fileTime === undefined ? undefined : Math.min(Math.floor(fileTime), latestPossible(ctx));
  const stage = format === 'vcard' ? 'cards' : 'contacts';
  await ImportSession.run(ctx, { file, source: format, report, dryRun: opts.dryRun ?? false }, async (s) => {
    let done = 0;
    let records = 0;
    const take = async (parsed: ParseResult<PersonRecord>) => {
      for (const issue of parsed.issues) s.issue(issue);
      for (const record of parsed.records) {
        // a revision dated after now is a clock gone wrong: trusted, it would hold the job it gives against every later source
        const ahead = record.asOf !== undefined && record.asOf > latestPossible(ctx);
        if (ahead)
          s.issue({
            ...record.where,
            code: 'future_revision',
            message: `its revision date (REV) ${formatInstant(record.asOf ?? 0)} is after now; taken as of the file's date`,
          });
        const dated = record.asOf === undefined || ahead ? { ...record, asOf } : record;
        await takeContact(s, dated, mine);
        if (++records % 500 === 0) await breathe();
      }
    };
    for await (const chunk of chunksOf(file)) {
      done += chunk.length;
      await take(parseOrRefuse(file, () => stream.push(chunk)));
      opts.onProgress?.(stage, done, total, records);
    }
    await take(parseOrRefuse(file, () => stream.end()));
    opts.onProgress?.(stage, done, total, records);
  });
}

/** The file's bytes in chunks, with a read error (the file gone or unreadable meanwhile) as a refusal. */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
  } catch (error) {
    throw unreadable(file, error);
  }
}
