import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { sql } from 'kysely';
import { storableLine, storableText } from '../../domain/clean-text.js';
import { isBulk } from '../../domain/interaction-weight.js';
import { isEmail, isRoleAddress, normalizeEmail, storedMailbox } from '../../domain/person.js';
import { REPLY_WINDOW_DAYS } from '../../domain/scoring-config.js';
import { DAY_MS } from '../../domain/time.js';
import { isAnswerSubject, sameSubjectThread } from '../../importers/mail.js';
import { printable } from '../../importers/printable.js';
import type {
  ContactRef,
  ExchangeRecord,
  InteractionRecord,
  ParseIssue,
  PersonRecord,
  Where,
} from '../../importers/records.js';
import { BulkLoader } from '../bulk-load.js';
import type { Context } from '../context.js';
import { BAD_RECORD, type ImportIssue, type ImportReport, laterOnes } from '../import-report.js';
import { rebuildSummaries } from '../summaries.js';
import { IdentityResolver, type MatchedBy } from './identity.js';
import { byInteraction, keepAsideRow, knownPendingParticipants } from './kept-aside-rows.js';
import { beforeFirstFile } from './me.js';

type Db = Context['store']['db'];

/** An answer without reply headers: the same thread key, the same person, within this long. */
const SUBJECT_REPLY_WINDOW_MS = REPLY_WINDOW_DAYS * DAY_MS;
/**
 * The staged key of an answer without reply headers whose message was not found: its message may
 * come in a later file or import (Sent and Inbox are often separate mailboxes).
 */
const SUBJECT_KEY = 'subject:';
/** A staged key for an ancestor its References name, waited for while its own message is not stored. */
const ANCESTOR_KEY = 'ancestor:';
/** Candidates read when a stored message is looked for by subject (the person's latest, newest first). */
const SUBJECT_CANDIDATES = 500;
/** Two messages with one Message-ID dated at most this far apart are copies of one message. */
const MESSAGE_COPY_SLACK_MS = 60_000;
/** Subject threads remembered at most (oldest dropped first), so memory stays bounded on huge mailboxes. */
const SUBJECT_MEMORY = 100_000;
/** Candidate duplicates listed in a report; `candidateCount` has them all (`rapport duplicates` shows them). */
const MAX_CANDIDATES_LISTED = 1000;

/**
 * Messages stored last whose ids are kept by external id (a Message-ID): most answers follow
 * their message within days, and finding it here spares a read of a random page of an index far
 * larger than the page cache on a big mailbox.
 */
const RECENT_IDS = 50_000;

/** A meeting with more people than this besides the user is a crowd (an all-hands, a webinar). */
const CROWD_ATTENDEES = 25;
const MEETING_CHANNELS: ReadonlySet<string> = new Set(['meeting', 'video', 'event']);

/** Addresses of bulk mail's recipients not added as people, counted for the report up to this many. */
const MAX_BULK_STRANGERS = 100_000;
/** Addresses of one message kept to join it later (an all-hands mail's first thousand do). */
const MAX_PENDING_PARTICIPANTS = 1000;

/** SQLite's page cache during an import, in KiB (the store's default is 64 MiB; see run()). */
const IMPORT_CACHE_KIB = 40 * 1024;

/** The messages each import kept aside (by source and external id, with the skip reason counted), to take the skip back if the same import stores them. */
const keptAsideBy = new WeakMap<ImportReport, Map<string, string>>();

/**
 * The people each import created, and those it counted as matched: a person is counted once per
 * import, as created by the file that made them or as matched, whichever of its files name them.
 */
const countedBy = new WeakMap<ImportReport, { created: Set<number>; matched: Set<number> }>();

/** The people each import added to messages stored before they were known (see attachKnown). */
const joinedBy = new WeakMap<ImportReport, { people: Set<number>; messages: Set<number>; meetings: Set<number> }>();
/** The people and meetings of ImportReport.copiesJoined, by report (see joinCopy). */
const copiesJoinedBy = new WeakMap<ImportReport, { people: Set<number>; meetings: Set<number> }>();

/**
 * Recipients of bulk mail, attendees of crowds and shared addresses not added as people, gathered
 * over an import's files and counted at its end (countStrangers), when a later file may have made
 * them known.
 */
const strangersBy = new WeakMap<
  ImportReport,
  { bulk_recipients: Set<string>; crowd_attendees: Set<string>; role_addresses: Set<string> }
>();

function strangersOf(report: ImportReport) {
  const strangers = strangersBy.get(report) ?? {
    bulk_recipients: new Set(),
    crowd_attendees: new Set(),
    role_addresses: new Set(),
  };
  strangersBy.set(report, strangers);
  return strangers;
}

/** Counts in the report the strangers (see strangersBy) that nothing in the import made people. */
export async function countStrangers(ctx: Context, report: ImportReport): Promise<void> {
  const strangers = strangersBy.get(report);
  if (!strangers) return;
  strangersBy.delete(report);
  const known = ctx.store.sqlite
    ?.prepare('SELECT 1 FROM person_emails WHERE workspace_id = ? AND email = ?')
    .pluck(true);
  for (const reason of ['bulk_recipients', 'crowd_attendees', 'role_addresses'] as const) {
    let n = 0;
    for (const email of strangers[reason]) {
      const key = normalizeEmail(email);
      if (!isEmail(key)) continue;
      const found = known
        ? known.get(ctx.workspaceId, key) !== undefined
        : (await ctx.store.db
            .selectFrom('person_emails')
            .select('person_id')
            .where('workspace_id', '=', ctx.workspaceId)
            .where('email', '=', key)
            .executeTakeFirst()) !== undefined;
      if (!found) n++;
    }
    if (n > 0) {
      report.notAdded ??= {};
      report.notAdded[reason] = (report.notAdded[reason] ?? 0) + n;
    }
  }
}

/** Whether a reference may be made a person when nobody has it yet: not a shared mailbox (info@, support@). */
function notShared(ref: ContactRef | PersonRecord): boolean {
  return !('email' in ref) || ref.email === undefined || !isRoleAddress(ref.email);
}

class Rollback extends Error {}

/** `body` in a transaction of its own or, inside one already, in a savepoint of it: all of it or nothing. */
async function atomically(db: Db, body: (trx: Db) => Promise<void>): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute(body);
  await sql`savepoint import_file`.execute(db);
  try {
    await body(db);
  } catch (error) {
    // SQLite may have rolled the whole transaction back already (a full disk): the first error is the one to say
    try {
      await sql`rollback to savepoint import_file`.execute(db);
      await sql`release savepoint import_file`.execute(db);
    } catch {}
    throw error;
  }
  await sql`release savepoint import_file`.execute(db);
}

/**
 * A dry run of several files: all of them in one transaction, rolled back at the end, so that
 * each file sees what those before it would have written (a person the first file creates is
 * matched by the second), and the report says what the real import does.
 */
export async function dryRunTogether<T>(ctx: Context, work: (ctx: Context) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await ctx.store.db.transaction().execute(async (trx) => {
      result = { value: await work({ ...ctx, store: { ...ctx.store, db: trx } }) };
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!result) throw new Error('the dry run gave no result');
  return result.value;
}

/**
 * One file's import: everything it writes happens in one transaction (so a crash, a kill or a
 * refused file leaves the database as it was), identities are resolved as records arrive,
 * interactions already stored (same source and external id) are counted and skipped before any
 * person is looked up, and replies are linked to what they answer, including answers that come
 * before their message in the file (linked when the file ends).
 */
export class ImportSession {
  readonly resolver: IdentityResolver;
  private readonly loader: BulkLoader;
  /** by thread key and person: the latest message of the user's in it (out) and of theirs (in); -1 when none */
  private readonly threads = new Map<string, { outId: number; outAt: number; inId: number; inAt: number }>();
  private readonly recentIds = new Map<string, number>();
  /** the keys of recentIds in the order they came, a ring: the oldest is dropped when it is full */
  private readonly recentRing: (string | undefined)[] = new Array(RECENT_IDS);
  private recentAt = 0;
  /** messages stored with more strangers than MAX_PENDING_PARTICIPANTS: the others never join them */
  private beyondPending = 0;
  /** the earliest and latest time of the interactions this import created */
  private created: { min: number; max: number } | undefined;
  private readonly bulkStrangers: Set<string>;
  private readonly crowdStrangers: Set<string>;
  private readonly roleStrangers: Set<string>;
  /** people of interactions removed during the import: folded anew from what is left */
  private readonly refold = new Set<number>();
  /** people who lost a meeting (called off, declined): taken out at the end if it was all this source gave of them */
  private readonly leftOut = new Set<number>();
  /** people of the interactions found stored already: counted as matched (a re-import names the people it knows) */
  private readonly storedPeople = new Set<number>();
  private readonly externalStatement;
  private readonly externalAtStatement;
  private readonly peopleOfStatement;
  private readonly stageStatement;

  private constructor(
    private readonly ctx: Context,
    readonly db: Db,
    /** the file issues are reported against (several single-message files share one session) */
    public file: string,
    readonly source: string,
    private readonly report: ImportReport,
    /** false when the session stores what an earlier import read (see storeKeptAside): its people were counted then */
    private readonly countPeople = true,
  ) {
    this.resolver = new IdentityResolver(ctx, db, source);
    const strangers = strangersOf(report);
    this.bulkStrangers = strangers.bulk_recipients;
    this.crowdStrangers = strangers.crowd_attendees;
    this.roleStrangers = strangers.role_addresses;
    this.loader = new BulkLoader(ctx, db);
    this.externalAtStatement = ctx.store.sqlite?.prepare(
      'SELECT id, at FROM interactions WHERE workspace_id = ? AND source = ? AND external_id = ?',
    );
    this.peopleOfStatement = ctx.store.sqlite
      ?.prepare('SELECT person_id FROM participations WHERE interaction_id = ?')
      .pluck(true);
    this.externalStatement = ctx.store.sqlite
      ?.prepare('SELECT id FROM interactions WHERE workspace_id = ? AND source = ? AND external_id = ?')
      .pluck(true);
    this.stageStatement = ctx.store.sqlite?.prepare(
      'INSERT OR IGNORE INTO reply_keys (workspace_id, source, parent_key, child_id) VALUES (?, ?, ?, ?)',
    );
  }

  /**
   * Runs `work` for one file in a transaction, then links replies, folds the touched
   * relationships and adds the people counts to the report. A dry run rolls everything back.
   */
  static async run(
    ctx: Context,
    opts: { file: string; source: string; report: ImportReport; dryRun: boolean; countPeople?: boolean },
    work: (session: ImportSession) => Promise<void>,
    onFinish?: (done: number, total: number) => void,
  ): Promise<void> {
    // a smaller page cache than the store's while importing, to keep a gigabyte mailbox's import
    // under 300 MB; not much smaller: at a million messages the index of Message-IDs outgrows it
    // and every lookup faults (lookups took 11.4 s of a profile at 32 MiB, 6.0 s at 48 MiB); 40 MiB
    // gave the CLI 10 MB more room under 300 MB for the same time (50.1 s against 49.4–49.5 s)
    const raw = ctx.store.sqlite;
    const cache = raw?.pragma('cache_size', { simple: true }) as number | undefined;
    raw?.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    // inside a transaction already (a dry run of several files, see dryRunTogether): this file
    // is a savepoint of it, and the outer transaction is the one rolled back
    const nested = ctx.store.db.isTransaction;
    // the user's addresses, remembered with this file if it is the first stored (see Me.get)
    const first = beforeFirstFile.get(opts.report);
    try {
      await atomically(ctx.store.db, async (trx) => {
        await first?.(trx);
        const session = new ImportSession(ctx, trx, opts.file, opts.source, opts.report, opts.countPeople);
        await work(session);
        await session.finish(onFinish);
        if (opts.dryRun && !nested) throw new Rollback();
      });
      if (first) beforeFirstFile.delete(opts.report);
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
      if (first) beforeFirstFile.delete(opts.report);
    } finally {
      if (cache !== undefined) raw?.pragma(`cache_size = ${cache}`);
    }
  }

  /** Records of this file naming a person an earlier file of the same import gave (counted there), and where the first is. */
  private readonly againFromEarlierFile: { count: number; first?: Where } = { count: 0 };

  /** An issue of the file; one about a record left out (`dropped`) also counts that record. */
  issue(i: ParseIssue): void {
    if (i.dropped) {
      this.report.records++;
      this.countSkip(BAD_RECORD);
    }
    this.report.issues.push(toIssue(this.file, i));
  }

  /** A record read and not imported because it is broken (a message without a readable date): counted and reported. */
  badRecord(i: ParseIssue): void {
    this.issue({ ...i, dropped: true });
  }

  /** A record read and left out on purpose (automated mail, a declined meeting): counted by reason. */
  skip(reason: string, count = 1): void {
    this.report.records += count;
    this.countSkip(reason, count);
  }

  /** Guests' answers to meetings (calendar REPLYs) read and taken in: records that are no interaction. */
  answers(count: number): void {
    this.report.records += count;
    this.report.answers = (this.report.answers ?? 0) + count;
  }

  /** A negative count takes back records skipped before (mail an alias learned later makes the user's). */
  private countSkip(reason: string, count = 1): void {
    const n = (this.report.skipped[reason] ?? 0) + count;
    if (n === 0) delete this.report.skipped[reason];
    else this.report.skipped[reason] = n;
  }

  async person(r: PersonRecord): Promise<number | undefined> {
    this.report.records++;
    // an address that is none (a typo, a stray byte) is said, never dropped in silence
    for (const e of r.emails)
      if (!isEmail(normalizeEmail(e)))
        this.issue({
          ...r.where,
          code: 'bad_email',
          message: `"${printable(e)}" is not an email address; kept without it`,
        });
    const res = await this.resolver.resolve(r);
    if (!res) {
      this.issue({
        ...r.where,
        code: 'no_identity',
        message: `${describe(r.where)} names nobody (no name, email, phone or profile); skipped`,
      });
      return undefined;
    }
    // counted once among the people; said, so that the record read is accounted for
    const counted = countedBy.get(this.report);
    if (res.again)
      this.issue({
        ...r.where,
        code: 'same_contact',
        message: res.differs
          ? 'the same person as an earlier entry of the file: an earlier import took both as this person (found by an address, or two people merged since); taken as one'
          : `the same person as an earlier entry of the file (same ${MATCHED_WHAT[res.matchedBy ?? 'record']}); taken as one`,
      });
    else if (!res.created && (counted?.created.has(res.id) || counted?.matched.has(res.id))) {
      // said once for the file (a second export holds most of the first's people)
      this.againFromEarlierFile.count++;
      this.againFromEarlierFile.first ??= r.where;
    }
    return res.id;
  }

  async interaction(record: InteractionRecord): Promise<number | undefined> {
    this.report.records++;
    const stored = await this.store(record, false);
    if (stored === 'duplicate') this.report.interactions.duplicates++;
    return typeof stored === 'number' ? stored : undefined;
  }

  /**
   * A message an earlier file kept aside (see keepAside), tried again now that someone in it may
   * be known. True when it is done with: stored now, or stored already.
   */
  async storeKeptAside(record: InteractionRecord): Promise<boolean> {
    const stored = await this.store(record, true);
    const key = `${this.source}\u0000${record.externalId}`;
    const aside = keptAsideBy.get(this.report);
    const reason = aside?.get(key);
    if (typeof stored === 'number') {
      // kept aside and stored by this same import: no longer a message it skipped
      if (reason !== undefined) {
        aside?.delete(key);
        this.countSkip(reason, -1);
      } else this.report.pendingStored = (this.report.pendingStored ?? 0) + 1;
    } else if (stored === 'duplicate' && reason !== undefined) {
      // kept aside by this import, and stored since from another copy of it (the Sent one): a
      // copy of a stored message, not one skipped
      aside?.delete(key);
      this.countSkip(reason, -1);
      this.report.interactions.duplicates++;
    }
    return stored !== 'nobody';
  }

  /**
   * A Gmail-tab message an earlier import kept (see kept-tab-mail.ts), stored now that the user
   * has written to its sender.
   */
  async storeKeptTab(record: InteractionRecord): Promise<void> {
    if (typeof (await this.store(record, true)) === 'number')
      this.report.tabMailStored = (this.report.tabMailStored ?? 0) + 1;
  }

  /** Stores an interaction record: its id; 'duplicate' when it is stored already; 'nobody' when it involves nobody to keep. */
  private async store(record: InteractionRecord, retried: boolean): Promise<number | 'duplicate' | 'nobody'> {
    const r = await this.ownKey(record);
    if (typeof r === 'number') {
      if (MEETING_CHANNELS.has(record.channel)) await this.joinCopy(record, r);
      if (this.countPeople) await this.noteStoredPeople(r);
      if (record.blindCopies) await this.takeBlindCopies(record, r);
      return 'duplicate';
    }
    // bulk mail (over 10 people) weighs nothing, and a crowd (an all-hands, a webinar) little: they
    // link the people already known and the sender or organizer, and add none of the others as
    // people (a list of strangers is not a network)
    // the people it reached: those it names, or a mailing list's members
    const audience = Math.max(r.counterparts.length, r.audience ?? 0);
    const bulk = isBulk(r.channel, audience);
    const crowd = !bulk && MEETING_CHANNELS.has(r.channel) && r.counterparts.length > CROWD_ATTENDEES;
    const strangers = bulk ? this.bulkStrangers : crowd ? this.crowdStrangers : undefined;
    const ids: number[] = [];
    // the addresses that are nobody yet: they join the message once they are someone (attachKnown)
    const unknown: string[] = [];
    let shared = 0;
    // strangers beyond MAX_PENDING_PARTICIPANTS: they will not join the message once known
    let unkept = 0;
    // a shared mailbox (info@, support@) is a person only once the user writes to it, or knows it;
    // one invited to a meeting (a distribution list: allstaff@) is never made one by the meeting
    const mayBeShared = (r.channel === 'email' && r.direction !== 'out') || MEETING_CHANNELS.has(r.channel);
    for (const c of r.counterparts) {
      const others = !strangers || (r.from !== undefined && c.email === r.from.email);
      const res = await this.resolver.resolve(c, { create: others && mayBeShared ? notShared : others });
      if (res && !ids.includes(res.id)) ids.push(res.id);
      if (res) continue;
      if (c.email && unknown.length < MAX_PENDING_PARTICIPANTS) unknown.push(normalizeEmail(c.email));
      else if (c.email) unkept++;
      // the strangers of a message kept aside were counted by the import that read it
      if (mayBeShared && c.email && isRoleAddress(c.email)) {
        shared++;
        if (!retried && this.roleStrangers.size < MAX_BULK_STRANGERS) this.roleStrangers.add(c.email);
      } else if (strangers && !retried && c.email && strangers.size < MAX_BULK_STRANGERS) strangers.add(c.email);
    }
    if (ids.length === 0) {
      if (retried) return 'nobody';
      // already counted as a record. Bulk mail, and mail only to or from shared addresses, waits for
      // a later file or import to make someone it went to known (the user's answer to support@)
      const reason = bulk
        ? 'bulk_unknown'
        : crowd
          ? 'crowd_unknown'
          : shared === r.counterparts.length
            ? 'role_address'
            : 'no_counterparts';
      if (reason === 'bulk_unknown' || reason === 'role_address') await this.keepAside(r, reason);
      this.countSkip(reason);
      return 'nobody';
    }
    if (r.sameByContent && ids.length === 1 && (await this.storedByContent(r, ids[0] as number))) return 'duplicate';
    const from = r.from
      ? (await this.resolver.resolve(r.from, { create: mayBeShared ? notShared : true }))?.id
      : undefined;
    const parentId = r.replyTo ? (this.recentIds.get(r.replyTo) ?? (await this.findExternal(r.replyTo))) : undefined;
    // the message it answers is not stored (another reader's answer it never got, a copy without
    // a Message-ID): the nearest earlier one of its thread that is stands in until it comes
    let ancestorId: number | undefined;
    // the ancestors nearer than the one found (all, when none is): staged, a later file may bring them
    let nearer = 0;
    if (parentId === undefined)
      for (const key of r.replyAncestors ?? []) {
        ancestorId = this.recentIds.get(key) ?? (await this.findExternal(key));
        if (ancestorId !== undefined) break;
        nearer++;
      }
    // without reply headers, an answer written as one ("Re: …") is known by its subject: first
    // among this file's messages, then among those stored by earlier files and imports
    const answerOf = this.threadPerson(r, from ?? ids[0], ids);
    // an answer whose reply headers name nothing stored is known by its subject too, for now (its
    // own message, should it come, takes over: its key is staged below)
    const answerLike =
      (r.replyTo === undefined || (parentId === undefined && ancestorId === undefined)) &&
      r.threadKey !== undefined &&
      r.note !== undefined &&
      isAnswerSubject(r.note);
    let subjectParent = answerLike ? this.subjectParent(r, from ?? ids[0], ids) : undefined;
    if (subjectParent === undefined && answerLike && answerOf !== undefined && r.note !== undefined)
      subjectParent = await this.storedSubjectParent(r.at, r.direction, answerOf, r.note);
    const id = await this.loader.interaction({
      at: r.at,
      channel: r.channel,
      direction: r.direction,
      depth: r.depth,
      participantIds: ids,
      fromPersonId: from !== undefined && ids.includes(from) ? from : null,
      minutes: r.minutes ?? null,
      note: storableLine(r.note) ?? null,
      source: this.source,
      externalId: r.externalId,
      replyToId: parentId ?? ancestorId ?? subjectParent ?? null,
      answersUnknown: r.replyTo !== undefined && (parentId ?? ancestorId ?? subjectParent) === undefined,
      audience: strangers ? audience : undefined,
    });
    if (id === undefined) return 'duplicate';
    if (unknown.length > 0) await this.keepPendingParticipants(id, unknown);
    if (unkept > 0) this.beyondPending++;
    this.report.interactions.created++;
    this.created = { min: Math.min(this.created?.min ?? r.at, r.at), max: Math.max(this.created?.max ?? r.at, r.at) };
    this.keepRecent(r.externalId, id);
    if (r.replyTo && parentId === undefined) {
      // the message it answers may come later in this file, or in another file or import: staged in the database
      await this.stageReplyKey(r.replyTo, id);
      // and so are the ancestors its References name that are not stored yet, nearest first: one
      // that comes before its own message stands in for it (see linkAncestors)
      for (const key of (r.replyAncestors ?? []).slice(0, nearer))
        await this.stageReplyKey(`${ANCESTOR_KEY}${key}`, id);
      // meanwhile its subject finds the message it answers, in whichever order they come (the key
      // goes once its own message is linked: see finish)
      if (answerLike && answerOf !== undefined) await this.stageReplyKey(`${SUBJECT_KEY}${r.threadKey ?? ''}`, id);
    } else if (answerLike && answerOf !== undefined)
      // kept even when its message was found: a later import may bring a closer one
      await this.stageReplyKey(`${SUBJECT_KEY}${r.threadKey ?? ''}`, id);
    if (r.threadKey) this.remember(r, ids, id, from ?? (r.direction === 'in' ? ids[0] : undefined));
    return id;
  }

  /**
   * The Sent copy of a message of the user's whose other copy (the Inbox's, sent to the user in
   * Bcc) was stored first: the people only its Bcc names join the stored message, as if this copy
   * had come first.
   */
  private async takeBlindCopies(r: InteractionRecord, id: number): Promise<void> {
    const have = new Set(
      (await this.db.selectFrom('participations').select('person_id').where('interaction_id', '=', id).execute()).map(
        (p) => Number(p.person_id),
      ),
    );
    // bulk mail makes no new people, as when it is stored
    const audience = Math.max(r.counterparts.length, r.audience ?? 0);
    const bulk = isBulk(r.channel, audience);
    const added: number[] = [];
    for (const c of r.counterparts) {
      const res = await this.resolver.resolve(c, { create: !bulk && notShared });
      if (res && !have.has(res.id) && !added.includes(res.id)) added.push(res.id);
    }
    if (added.length > 0) await this.loader.addParticipants(id, added, audience);
  }

  /**
   * Keeps a message that went to nobody known (bulk mail, mail of a shared address) aside, with the addresses it went to, for
   * storeKeptAside: a later file or import that makes one of them known stores it (nothing is
   * kept twice: a re-import finds it aside already).
   */
  private async keepAside(r: InteractionRecord, reason: string): Promise<void> {
    const kept = { source: this.source, file: this.file, record: r };
    if (!(await keepAsideRow(this.db, this.ctx.workspaceId, kept, this.ctx.now))) return;
    const aside = keptAsideBy.get(this.report) ?? new Map<string, string>();
    keptAsideBy.set(this.report, aside);
    aside.set(`${this.source}\u0000${r.externalId}`, reason);
  }

  /**
   * The record with the key it is stored under; the stored interaction's id when it is stored already. A message
   * whose Message-ID another message stored holds (dated over a minute apart: not a copy of it) is
   * a message of its own, keyed by its Message-ID and a digest of its date, subject and people,
   * and reported when it is first stored.
   */
  private async ownKey(r: InteractionRecord): Promise<InteractionRecord | number> {
    if (r.channel !== 'email') {
      const id = await this.findExternal(r.externalId);
      if (id !== undefined) return id;
      // stored by an earlier release under another id: that id becomes this one, so what answers it finds it
      for (const former of r.formerIds ?? []) {
        const stored = await this.findExternal(former);
        if (stored === undefined) continue;
        await this.db.updateTable('interactions').set({ external_id: r.externalId }).where('id', '=', stored).execute();
        return stored;
      }
      return r;
    }
    const found = await this.storedAt(r.externalId);
    if (found === undefined) return r;
    const storedAt = found.at;
    if (Math.abs(storedAt - r.at) <= MESSAGE_COPY_SLACK_MS) return found.id;
    const digest = createHash('sha256')
      .update(JSON.stringify([r.at, r.note ?? '', r.from?.email ?? '', r.counterparts.map((c) => c.email ?? '')]))
      .digest('base64url')
      .slice(0, 16);
    const own = { ...r, externalId: `${r.externalId}#${digest}` };
    const ownId = await this.findExternal(own.externalId);
    if (ownId !== undefined) return ownId;
    this.issue({
      ...r.where,
      code: 'duplicate_message_id',
      message: `${describe(r.where)} has the Message-ID <${r.externalId}> of another message, dated ${new Date(storedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC; imported as a message of its own`,
    });
    return own;
  }

  async exchange(r: ExchangeRecord): Promise<void> {
    this.report.records++;
    const uid = stableUid(this.source, r.externalId);
    // stored already (under this id, or one of an earlier release): counted before any person is
    // looked up (or, for an ambiguous name, created)
    let stored = await this.loader.hasExchange(uid);
    for (const former of r.formerIds ?? []) stored ||= await this.loader.hasExchange(stableUid(this.source, former));
    if (stored) {
      this.report.exchanges.duplicates++;
      return;
    }
    const personId = (await this.resolver.resolve(r.person))?.id;
    if (personId === undefined) {
      this.issue({ ...r.where, code: 'no_identity', message: `${describe(r.where)} names nobody; skipped` });
      return;
    }
    // its id names the person as the file spells them (an endorsement: their profile URL, which they
    // may change): the same entry of this source for the same person is this one
    if (await this.exchangeStoredByContent(r, personId)) {
      this.report.exchanges.duplicates++;
      return;
    }
    const counts = await this.loader.exchanges([
      {
        uid,
        personId,
        direction: r.direction,
        category: r.category,
        note: storableText(r.note) ?? '',
        impact: null,
        acknowledgedAt: null,
        at: r.at,
        introducedPersonId: null,
      },
    ]);
    this.report.exchanges.created += counts.created;
    this.report.exchanges.duplicates += counts.duplicates;
  }

  /** Whether this source stored an interaction of the same time, channel, direction and note with this person (see sameByContent). */
  private async storedByContent(r: InteractionRecord, personId: number): Promise<boolean> {
    const note = storableLine(r.note) ?? null;
    const row = await this.db
      .selectFrom('participations as p')
      .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
      .select('i.id')
      .where('p.workspace_id', '=', this.ctx.workspaceId)
      .where('p.person_id', '=', personId)
      .where('p.at', '=', r.at)
      .where('i.source', '=', this.source)
      .where('i.channel', '=', r.channel)
      .where('i.direction', '=', r.direction)
      .where('i.note', note === null ? 'is' : '=', note)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether this source stored a ledger entry of the same time, direction, category and note for this person. */
  private async exchangeStoredByContent(r: ExchangeRecord, personId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('exchanges')
      .select('id')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('person_id', '=', personId)
      .where('at', '=', r.at)
      .where('direction', '=', r.direction)
      .where('category', '=', r.category)
      .where('note', '=', storableText(r.note) ?? '')
      .where('uid', 'like', `${this.source}:%`)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Remembers a stored message's id by its external id, forgetting the oldest beyond RECENT_IDS.
   * (A ring, not the Map's own order: taking a Map's first key after many deletions at its front
   * walks over every deleted entry, which made this path quadratic.)
   */
  private keepRecent(key: string, id: number): void {
    const old = this.recentRing[this.recentAt];
    if (old !== undefined) this.recentIds.delete(old);
    this.recentRing[this.recentAt] = key;
    this.recentAt = (this.recentAt + 1) % RECENT_IDS;
    this.recentIds.set(key, id);
  }

  /** Whose message an answer without reply headers may answer: its sender's, or the user's to its one recipient. */
  private threadPerson(r: InteractionRecord, sender: number | undefined, ids: readonly number[]): number | undefined {
    if (r.direction === 'mutual') return undefined;
    return r.direction === 'in' ? sender : ids.length === 1 ? ids[0] : undefined;
  }

  /**
   * The message a message of theirs answers (the user's latest to them on the same thread key
   * within 21 days, whatever they wrote in between: a second "Re:" answers it too, as it would
   * by its headers), or the one of theirs the user's answers.
   */
  private subjectParent(r: InteractionRecord, sender: number | undefined, ids: readonly number[]): number | undefined {
    const person = this.threadPerson(r, sender, ids);
    if (person === undefined) return undefined;
    const prior = this.threads.get(`${r.threadKey}\u0000${person}`);
    if (!prior) return undefined;
    const [id, at] = r.direction === 'out' ? [prior.inId, prior.inAt] : [prior.outId, prior.outAt];
    return id >= 0 && r.at > at && r.at - at <= SUBJECT_REPLY_WINDOW_MS ? id : undefined;
  }

  private remember(r: InteractionRecord, ids: readonly number[], id: number, sender: number | undefined): void {
    // an answer to the user's message may come from any recipient; an answer to theirs goes to its sender
    const keys = r.direction === 'out' ? ids : sender !== undefined ? [sender] : [];
    const out = r.direction === 'out';
    for (const person of keys) {
      const key = `${r.threadKey}\u0000${person}`;
      let prior = this.threads.get(key);
      if (!prior) {
        prior = { outId: -1, outAt: -Infinity, inId: -1, inAt: -Infinity };
        this.threads.set(key, prior);
      }
      // updated in place: no allocation, no rehashing on the hot path
      if (out && prior.outAt <= r.at) {
        prior.outId = id;
        prior.outAt = r.at;
      } else if (!out && prior.inAt <= r.at) {
        prior.inId = id;
        prior.inAt = r.at;
      }
    }
    if (this.threads.size > SUBJECT_MEMORY) this.forgetThreads(r.at);
  }

  /**
   * Drops the threads that can no longer be answered (last written more than the reply window
   * before `at`); when more are still open than the memory holds, the earliest started go too.
   */
  private forgetThreads(at: number): void {
    for (const [key, t] of this.threads)
      if (Math.max(t.outAt, t.inAt) < at - SUBJECT_REPLY_WINDOW_MS) this.threads.delete(key);
    let drop = this.threads.size - SUBJECT_MEMORY * 0.8;
    for (const key of this.threads.keys()) {
      if (drop-- <= 0) break;
      this.threads.delete(key);
    }
  }

  /**
   * The stored message (of this source, from any import) that an answer without reply headers
   * answers, as the file's own threads would find it: the latest message on the same subject
   * within 21 days before it that the person sent, or that the user sent them, when it went the
   * other way.
   */
  private async storedSubjectParent(
    at: number,
    direction: InteractionRecord['direction'],
    person: number,
    note: string,
  ): Promise<number | undefined> {
    const rows = await this.db
      .selectFrom('participations as p')
      .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
      .select(['i.id', 'i.direction', 'i.note', 'i.from_person_id'])
      .where('p.workspace_id', '=', this.ctx.workspaceId)
      .where('p.person_id', '=', person)
      .where('p.at', '>=', at - SUBJECT_REPLY_WINDOW_MS)
      .where('p.at', '<', at)
      .where('i.source', '=', this.source)
      .orderBy('p.at', 'desc')
      .limit(SUBJECT_CANDIDATES)
      .execute();
    for (const row of rows) {
      // (a message without a subject has no note)
      if (!sameSubjectThread(row.note ?? '', note)) continue;
      // a thread of theirs is kept under its sender; the user's under each recipient
      if (row.direction === 'in' && Number(row.from_person_id) !== person) continue;
      // the latest message of the other side: what the same side wrote in between answers nothing here
      if (row.direction !== direction) return Number(row.id);
    }
    return undefined;
  }

  /**
   * Has this session's finish look again at the answers without reply headers dated from `min`
   * to 21 days after `max` (see linkSubjectAnswers), as if it had stored messages of that span: a
   * merge may have made the two sides of one exchange one person.
   */
  lookAgainAtSubjectAnswers(min: number, max: number): void {
    this.created = { min: Math.min(this.created?.min ?? min, min), max: Math.max(this.created?.max ?? max, max) };
  }

  /**
   * Links answers without reply headers, staged by this import or an earlier one, to their
   * message when this import stored it, or a closer one than the message they were linked to
   * (only those dated within 21 days after its first message are looked at). They stay staged:
   * a later import may bring a closer message still.
   */
  private async linkSubjectAnswers(): Promise<void> {
    if (!this.created) return;
    const staged = await this.db
      .selectFrom('reply_keys as r')
      .innerJoin('interactions as c', 'c.id', 'r.child_id')
      .select(['r.child_id', 'c.at', 'c.direction', 'c.note', 'c.from_person_id', 'c.reply_to_id'])
      .where('r.workspace_id', '=', this.ctx.workspaceId)
      .where('r.source', '=', this.source)
      .where('r.parent_key', '>=', SUBJECT_KEY)
      .where('r.parent_key', '<', nextString(SUBJECT_KEY))
      .where('c.at', '>', this.created.min)
      .where('c.at', '<=', this.created.max + SUBJECT_REPLY_WINDOW_MS)
      .execute();
    for (const s of staged) {
      const childId = Number(s.child_id);
      const person =
        s.direction === 'in'
          ? s.from_person_id === null
            ? undefined
            : Number(s.from_person_id)
          : await this.onlyParticipant(childId);
      if (person === undefined || s.note === null) continue;
      const parentId = await this.storedSubjectParent(
        Number(s.at),
        s.direction as InteractionRecord['direction'],
        person,
        s.note,
      );
      if (parentId === undefined || parentId === Number(s.reply_to_id ?? Number.NaN)) continue;
      await this.loader.linkReply(childId, parentId);
    }
  }

  /**
   * Answers whose own message is still not stored, and one of whose References ancestors now is
   * (from this file or an earlier one): linked to it, unless linked to a later message already,
   * as they are when the ancestor comes first.
   */
  private async linkAncestors(): Promise<void> {
    const found = await this.db
      .selectFrom('reply_keys as r')
      .innerJoin('interactions as i', (j) =>
        j
          .onRef('i.workspace_id', '=', 'r.workspace_id')
          .onRef('i.source', '=', 'r.source')
          .on(sql<boolean>`i.external_id = substr(r.parent_key, ${ANCESTOR_KEY.length + 1})`),
      )
      .innerJoin('interactions as c', 'c.id', 'r.child_id')
      .leftJoin('interactions as now', 'now.id', 'c.reply_to_id')
      .select(['r.child_id', 'r.parent_key', 'i.id as parent_id', 'i.at as parent_at', 'now.at as linked_at'])
      .where('r.workspace_id', '=', this.ctx.workspaceId)
      .where('r.source', '=', this.source)
      .where('r.parent_key', '>=', ANCESTOR_KEY)
      .where('r.parent_key', '<', nextString(ANCESTOR_KEY))
      .orderBy('r.child_id')
      .orderBy('i.at', 'desc')
      .execute();
    const linked = new Set<number>();
    for (const f of found) {
      const childId = Number(f.child_id);
      const parentId = Number(f.parent_id);
      // the nearest ancestor stored comes first for each answer
      if (
        !linked.has(childId) &&
        parentId !== childId &&
        (f.linked_at === null || Number(f.parent_at) > Number(f.linked_at))
      ) {
        await this.loader.linkReply(childId, parentId);
        linked.add(childId);
      }
      await this.unstageReplyKey(f.parent_key, childId);
    }
  }

  /** The one person an interaction involves, if it involves one. */
  private async onlyParticipant(interactionId: number): Promise<number | undefined> {
    const rows = await this.db
      .selectFrom('participations')
      .select('person_id')
      .where('interaction_id', '=', interactionId)
      .limit(2)
      .execute();
    return rows.length === 1 ? Number(rows[0]?.person_id) : undefined;
  }

  /**
   * Links every staged answer whose message is now stored (from this file or an earlier one),
   * marks first answers and folds every touched relationship.
   */
  private async finish(onProgress?: (done: number, total: number) => void): Promise<void> {
    if (this.beyondPending > 0)
      this.issue({
        line: null,
        code: 'many_strangers',
        message: `${this.beyondPending === 1 ? '1 message' : `${this.beyondPending.toLocaleString('en')} messages`} named over ${MAX_PENDING_PARTICIPANTS.toLocaleString('en')} addresses of nobody known yet: only the first ${MAX_PENDING_PARTICIPANTS.toLocaleString('en')} of each will join it once they are known`,
        dropped: false,
      });
    await this.linkSubjectAnswers();
    const found = await this.db
      .selectFrom('reply_keys as r')
      .innerJoin('interactions as i', (j) =>
        j
          .onRef('i.workspace_id', '=', 'r.workspace_id')
          .onRef('i.source', '=', 'r.source')
          .onRef('i.external_id', '=', 'r.parent_key'),
      )
      .innerJoin('interactions as c', 'c.id', 'r.child_id')
      .select(['r.child_id', 'r.parent_key', 'i.id as parent_id', 'i.at as parent_at', 'c.at as child_at'])
      .where('r.workspace_id', '=', this.ctx.workspaceId)
      .where('r.source', '=', this.source)
      .execute();
    for (const f of found) {
      const childId = Number(f.child_id);
      const parentId = Number(f.parent_id);
      // an answer dated before its message (a clock gone wrong) still answers it, as its headers
      // say and as it is linked when its message came first (its delay counts as none)
      if (parentId !== childId) await this.loader.linkReply(childId, parentId);
      await this.unstageReplyKey(f.parent_key, childId);
      // the message its headers name is found: its subject and ancestors no longer look for one
      for (const prefix of [SUBJECT_KEY, ANCESTOR_KEY])
        await this.db
          .deleteFrom('reply_keys')
          .where('workspace_id', '=', this.ctx.workspaceId)
          .where('source', '=', this.source)
          .where('child_id', '=', childId)
          .where('parent_key', '>=', prefix)
          .where('parent_key', '<', nextString(prefix))
          .execute();
    }
    await this.linkAncestors();
    // people this session made known join the messages stored before them, folded with the rest below
    for (const [id, people] of byInteraction(await knownPendingParticipants(this.db, this.ctx.workspaceId))) {
      await this.attachKnown(id, people);
    }
    await this.takeOutLeftWithNothing();
    await this.loader.finish(onProgress);
    if (this.refold.size > 0) await rebuildSummaries(this.ctx, this.db, [...this.refold]);
    const again = this.againFromEarlierFile;
    if (again.count > 0)
      this.issue({
        ...(again.first ?? { line: null }),
        code: 'same_contact',
        message:
          again.count === 1
            ? 'the same person as an entry of an earlier file of this import; taken as one'
            : `this entry and ${laterOnes(again.count - 1)} are people an earlier file of this import already gave; each was taken as that person, not added again`,
      });
    if (this.countPeople) {
      const counted = countedBy.get(this.report) ?? { created: new Set<number>(), matched: new Set<number>() };
      countedBy.set(this.report, counted);
      this.report.people.created += this.resolver.created.size;
      for (const id of [...this.resolver.matched, ...this.storedPeople])
        if (!this.resolver.created.has(id) && !counted.created.has(id) && !counted.matched.has(id)) {
          counted.matched.add(id);
          this.report.people.matched++;
        }
      for (const id of this.resolver.created) counted.created.add(id);
    }
    // a list, not a spread: a large import can hold more candidates than a call takes arguments
    for (const c of this.resolver.candidates) {
      this.report.candidateCount = (this.report.candidateCount ?? 0) + 1;
      if (this.report.candidates.length < MAX_CANDIDATES_LISTED) this.report.candidates.push(c);
    }
    for (const j of this.resolver.jobsKept)
      this.issue({
        ...j.where,
        code: 'job_kept',
        message: j.older
          ? `${j.name}: the file says ${j.offered}; kept ${j.stored}, which a newer file gave (rapport edit changes it)`
          : `${j.name}: the file says ${j.offered}; kept ${j.stored}, which you or another source gave (rapport edit changes it)`,
      });
    for (const d of this.resolver.detailsKept)
      this.issue({
        ...d.where,
        code: `${d.what}_kept`,
        message: `${d.name}: the file gives the ${d.what} ${d.offered}; kept ${d.stored} (rapport edit --${d.what} changes it)`,
      });
    for (const k of this.resolver.profilesKept)
      this.issue({
        ...k.where,
        code: 'profile_kept',
        message: `${k.name}: the file gives the profile ${k.offered}; kept ${k.stored} (rapport edit --linkedin changes it), and took this file's records of that profile as theirs`,
      });
  }

  /**
   * Takes out interactions of this source that a later file called off (a cancelled meeting, one
   * the user declined, one replaced by a newer version); their people are folded anew at the end.
   */
  async removeInteractions(ids: readonly number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const people = await this.db
        .selectFrom('participations')
        .select('person_id')
        .distinct()
        .where('interaction_id', 'in', chunk)
        .execute();
      for (const p of people) {
        this.refold.add(Number(p.person_id));
        this.leftOut.add(Number(p.person_id));
      }
      // participations and staged reply keys go with them (foreign keys)
      await this.db
        .deleteFrom('interactions')
        .where('workspace_id', '=', this.ctx.workspaceId)
        .where('source', '=', this.source)
        .where('id', 'in', chunk)
        .execute();
    }
    this.report.interactions.removed = (this.report.interactions.removed ?? 0) + ids.length;
  }

  /** Keeps the addresses a stored message went to that are nobody yet (see attachKnown). */
  private async keepPendingParticipants(interactionId: number, emails: readonly string[]): Promise<void> {
    const values = [...new Set(emails)]
      .filter((email) => isEmail(email))
      .map((email) => ({
        workspace_id: this.ctx.workspaceId,
        email,
        mailbox: storedMailbox(email),
        interaction_id: interactionId,
      }));
    for (let i = 0; i < values.length; i += 200)
      await this.db
        .insertInto('pending_participants')
        .values(values.slice(i, i + 200))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  /**
   * People a stored message went to when they were nobody (see keepPendingParticipants), now
   * someone: each joins the message as if they had been known when it was stored. Returns how
   * many joined.
   */
  async attachKnown(interactionId: number, people: readonly { personId: number; email: string }[]): Promise<number> {
    const have = new Set(
      (
        await this.db
          .selectFrom('participations')
          .select('person_id')
          .where('interaction_id', '=', interactionId)
          .execute()
      ).map((p) => Number(p.person_id)),
    );
    const added = [...new Set(people.map((p) => p.personId))].filter((id) => !have.has(id));
    // the stored audience counts them already when it counted strangers
    if (added.length > 0) {
      await this.loader.addParticipants(interactionId, added, 0);
      const joined = joinedBy.get(this.report) ?? {
        people: new Set<number>(),
        messages: new Set<number>(),
        meetings: new Set<number>(),
      };
      joinedBy.set(this.report, joined);
      for (const id of added) joined.people.add(id);
      // a meeting (a calendar's crowd) or a message (bulk mail, a shared address)
      const row = await this.db
        .selectFrom('interactions')
        .select('channel')
        .where('id', '=', interactionId)
        .executeTakeFirst();
      (MEETING_CHANNELS.has(row?.channel ?? '') ? joined.meetings : joined.messages).add(interactionId);
      this.report.participantsJoined = (this.report.participantsJoined ?? 0) + added.length;
      this.report.joined = {
        people: joined.people.size,
        messages: joined.messages.size,
        ...(joined.meetings.size > 0 ? { meetings: joined.meetings.size } : {}),
      };
    }
    await this.db
      .deleteFrom('pending_participants')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('interaction_id', '=', interactionId)
      .where(
        'email',
        'in',
        people.map((p) => p.email),
      )
      .execute();
    return added.length;
  }

  /**
   * Another copy of a meeting stored before, of the same version (an older one is skipped before
   * it gets here, a newer one replaces the stored meeting): the organizer's calendar and a guest's,
   * whose copy may leave out the other guests (Google hides the list from guests when asked). The
   * people it names that the stored meeting lacks join it, and its audience is the larger of the
   * two, so that either order of the files gives the same meeting. A crowd adds nobody new, as
   * when it is stored.
   */
  private async joinCopy(record: InteractionRecord, id: number): Promise<void> {
    if (record.counterparts.length > CROWD_ATTENDEES) return;
    const ids = new Set<number>();
    for (const c of record.counterparts) {
      const res = await this.resolver.resolve(c, { create: notShared });
      if (res) ids.add(res.id);
    }
    if (ids.size === 0) return;
    const have = new Set(
      (await this.db.selectFrom('participations').select('person_id').where('interaction_id', '=', id).execute()).map(
        (p) => Number(p.person_id),
      ),
    );
    const added = [...ids].filter((p) => !have.has(p));
    if (added.length === 0) return;
    await this.loader.addParticipants(id, added, Math.max(record.counterparts.length, have.size + added.length));
    const joined = copiesJoinedBy.get(this.report) ?? { people: new Set<number>(), meetings: new Set<number>() };
    copiesJoinedBy.set(this.report, joined);
    for (const p of added) joined.people.add(p);
    joined.meetings.add(id);
    this.report.copiesJoined = { people: joined.people.size, meetings: joined.meetings.size };
  }

  /** People deleted during the import (taken out as the user): nothing of theirs is folded at the end. */
  forgetPeople(ids: readonly number[]): void {
    for (const id of ids) this.refold.delete(id);
  }

  /** Ids of this source's interactions whose external id is `key`, or starts with `prefix`, at or after `from`. */
  /**
   * Gives meetings stored without a length (0 minutes: a cancellation that gave none) the length
   * another version says they had. Their weight does not depend on it: nothing is folded anew.
   */
  async fillMinutes(ids: readonly number[], minutes: number): Promise<void> {
    for (let i = 0; i < ids.length; i += 500)
      await this.db
        .updateTable('interactions')
        .set({ minutes })
        .where('workspace_id', '=', this.ctx.workspaceId)
        .where('id', 'in', ids.slice(i, i + 500))
        .where('minutes', '=', 0)
        .execute();
  }

  async storedIds(match: { key: string } | { prefix: string }, from = Number.NEGATIVE_INFINITY): Promise<number[]> {
    return (await this.stored(match, from)).map((r) => r.id);
  }

  /** The interactions of this source stored under a key or a prefix (see storedIds), with their keys. */
  async stored(
    match: { key: string } | { prefix: string },
    from = Number.NEGATIVE_INFINITY,
  ): Promise<{ id: number; key: string }[]> {
    let q = this.db
      .selectFrom('interactions')
      .select(['id', 'external_id'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source);
    if ('key' in match) q = q.where('external_id', '=', match.key);
    else
      q = q
        .where('external_id', '>=', match.prefix)
        // the next string after every one starting with the prefix
        .where('external_id', '<', nextString(match.prefix));
    if (Number.isFinite(from)) q = q.where('at', '>=', from);
    return (await q.execute()).map((r) => ({ id: Number(r.id), key: r.external_id ?? '' }));
  }

  /**
   * The versions of calendar events kept by earlier imports, by key (UID, or UID@RECURRENCE-ID):
   * SEQUENCE, LAST-MODIFIED (null: not known), and for a series how far it was expanded (null: not known).
   */
  async eventVersions(): Promise<
    Map<string, { sequence: number; modified: number | null; expandedTo: number | null }>
  > {
    const rows = await this.db
      .selectFrom('event_versions')
      .select(['event_key', 'sequence', 'modified', 'expanded_to'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .execute();
    return new Map(
      rows.map((r) => [
        r.event_key,
        {
          sequence: Number(r.sequence),
          modified: r.modified === null ? null : Number(r.modified),
          expandedTo: r.expanded_to === null ? null : Number(r.expanded_to),
        },
      ]),
    );
  }

  /** Notes that the kept version of an event was expanded up to `now` (the latest such time is kept). */
  async noteExpandedTo(key: string, now: number): Promise<void> {
    await this.db
      .updateTable('event_versions')
      .set({ expanded_to: now })
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('event_key', '=', key)
      .where((eb) => eb.or([eb('expanded_to', 'is', null), eb('expanded_to', '<', now)]))
      .execute();
  }

  /** Keeps the version of an event; a newer one (higher SEQUENCE) is not called off, whatever the one before said. */
  async keepEventVersion(key: string, sequence: number, modified: number): Promise<void> {
    await this.db
      .insertInto('event_versions')
      .values({ workspace_id: this.ctx.workspaceId, source: this.source, event_key: key, sequence, modified })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'source', 'event_key']).doUpdateSet({
          sequence,
          modified,
          called_off: sql<number>`CASE WHEN ${sequence} > event_versions.sequence THEN 0 ELSE event_versions.called_off END`,
          // another version: how far it was expanded is noted anew (see noteExpandedTo), and who
          // was in the meeting the user declined is that version's no longer
          expanded_to: null,
          declined_with: sql<
            string | null
          >`CASE WHEN ${sequence} > event_versions.sequence THEN NULL ELSE event_versions.declined_with END`,
        }),
      )
      .execute();
  }

  /** Guests' answers kept (see keepEventAnswer): event key → guest's address → answer. */
  async eventAnswers(): Promise<Map<string, Map<string, StoredAnswer>>> {
    const rows = await this.db
      .selectFrom('event_answers')
      .select(['event_key', 'email', 'sequence', 'stamp', 'partstat'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .execute();
    const out = new Map<string, Map<string, StoredAnswer>>();
    for (const r of rows) {
      const byGuest = out.get(r.event_key) ?? new Map<string, StoredAnswer>();
      byGuest.set(r.email, { sequence: Number(r.sequence), stamp: Number(r.stamp), partstat: r.partstat });
      out.set(r.event_key, byGuest);
    }
    return out;
  }

  /** Keeps a guest's answer to an event (the newer one: see calendar.ts), for files imported later. */
  async keepEventAnswer(key: string, email: string, answer: StoredAnswer): Promise<void> {
    await this.db
      .insertInto('event_answers')
      .values({ workspace_id: this.ctx.workspaceId, source: this.source, event_key: key, email, ...answer })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'source', 'event_key', 'email']).doUpdateSet({
          sequence: answer.sequence,
          stamp: answer.stamp,
          partstat: answer.partstat,
        }),
      )
      .execute();
  }

  /**
   * A guest's answer to stored meetings: one who declined is taken out of them (a meeting left with
   * nobody goes), one who accepted since is put back in (made a person, under the name the answer
   * gives, when the decline came first).
   */
  async answerGuest(ids: readonly number[], email: string, attending: boolean, name?: string): Promise<void> {
    const row = await this.db
      .selectFrom('person_emails as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select('p.id')
      .where('p.workspace_id', '=', this.ctx.workspaceId)
      .where('e.email', '=', email)
      .executeTakeFirst();
    // a guest who accepts after declining may never have been made a person (the decline came first)
    const personId =
      row !== undefined
        ? Number(row.id)
        : attending && ids.length > 0
          ? (await this.resolver.resolve(name ? { email, name } : { email }))?.id
          : undefined;
    if (personId === undefined) return;
    const emptied: number[] = [];
    for (const id of ids) {
      if (attending) await this.loader.addParticipants(id, [personId], 0);
      else if (!(await this.loader.removeParticipant(id, personId))) emptied.push(id);
    }
    if (!attending && ids.length > 0) this.leftOut.add(personId);
    if (emptied.length > 0) await this.removeInteractions(emptied);
  }

  /**
   * Takes out the people this source made who lost their meetings in this import (cancelled, or
   * declined by them) and have nothing else: no interaction, ledger entry, need, offer, step or
   * milestone, no contact record, nothing the user gave them (a tier, tags, a job, a second
   * address…). Imported in one file with the meeting, the cancellation would have made nobody of
   * them; imported later, it does the same.
   */
  private async takeOutLeftWithNothing(): Promise<void> {
    const ws = this.ctx.workspaceId;
    const candidates = [...this.leftOut];
    for (let i = 0; i < candidates.length; i += 500) {
      const chunk = candidates.slice(i, i + 500);
      const none = (
        table: 'participations' | 'exchanges' | 'needs' | 'offers' | 'next_steps' | 'milestones' | 'person_keys',
        // through each table's (workspace, person) index
      ) =>
        sql<boolean>`not exists (select 1 from ${sql.table(table)} x where x.workspace_id = p.workspace_id and x.person_id = p.id)`;
      const rows = await this.db
        .selectFrom('people as p')
        .select('p.id')
        .where('p.workspace_id', '=', ws)
        .where('p.id', 'in', chunk)
        .where('p.name_source', '=', this.source)
        .where('p.tier', 'is', null)
        .where('p.goal', 'is', null)
        .where('p.cadence_days', 'is', null)
        .where('p.notes', 'is', null)
        .where('p.met', 'is', null)
        .where('p.birthday', 'is', null)
        .where('p.stage_override', 'is', null)
        .where('p.linkedin', 'is', null)
        .where('p.wishlist', '=', 0)
        .where('p.phones', '=', '[]')
        .where('p.tags', '=', '[]')
        // a job the user typed (no import gave it), and an address besides the one it was made of
        .where((eb) =>
          eb.or([eb.and([eb('p.org', 'is', null), eb('p.title', 'is', null)]), eb('p.job_source', 'is not', null)]),
        )
        .where(
          sql<boolean>`(select count(*) from person_emails e where e.workspace_id = p.workspace_id and e.person_id = p.id) <= 1`,
        )
        .where(none('participations'))
        .where(none('exchanges'))
        .where(none('needs'))
        .where(none('offers'))
        .where(none('next_steps'))
        .where(none('milestones'))
        .where(none('person_keys'))
        .where(
          sql<boolean>`not exists (select 1 from distinct_people d where d.workspace_id = p.workspace_id and d.person_a = p.id) and not exists (select 1 from distinct_people d where d.person_b = p.id)`,
        )
        .execute();
      const ids = rows.map((r) => Number(r.id));
      if (ids.length === 0) continue;
      await this.db.deleteFrom('summaries').where('person_id', 'in', ids).execute();
      await this.db.deleteFrom('people').where('workspace_id', '=', ws).where('id', 'in', ids).execute();
      for (const id of ids) {
        this.refold.delete(id);
        this.loader.forget(id);
        if (!this.resolver.forget(id)) this.report.people.removed = (this.report.people.removed ?? 0) + 1;
      }
    }
    this.leftOut.clear();
  }

  /**
   * Marks an occurrence called off as of its version's SEQUENCE: 1 cancelled, 2 declined by the
   * user, 3 cancelled by a CANCEL that does not say whether the event recurs (a single meeting
   * whole, a series from `from` on).
   */
  async callOffEvent(key: string, sequence: number, how: 1 | 2 | 3, from: number | null = null): Promise<void> {
    await this.db
      .insertInto('event_versions')
      .values({
        workspace_id: this.ctx.workspaceId,
        source: this.source,
        event_key: key,
        sequence,
        modified: 0,
        called_off: how,
        called_off_from: from,
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'source', 'event_key']).doUpdateSet({
          called_off: how,
          called_off_from: from,
          sequence: sql<number>`CASE WHEN ${sequence} > event_versions.sequence THEN ${sequence} ELSE event_versions.sequence END`,
        }),
      )
      .execute();
  }

  /**
   * Keeps who was in a meeting the user declined (the stored meetings the decline takes out, or
   * the invitation a decline kept before leaves out), with those kept before: an acceptance later,
   * from a REPLY that names only the user, brings the meeting back with them (see declinedWith).
   */
  async keepDeclinedWith(key: string, people: readonly { email?: string; name: string }[]): Promise<void> {
    if (people.length === 0) return;
    const row = await this.db
      .selectFrom('event_versions')
      .select('declined_with')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('event_key', '=', key)
      .executeTakeFirst();
    if (!row) return;
    const kept: { email?: string; name: string }[] = JSON.parse(row.declined_with ?? '[]');
    const seen = new Set(kept.map((p) => p.email ?? `\u0000${p.name}`));
    const added = people.filter((p) => !seen.has(p.email ?? `\u0000${p.name}`));
    if (added.length === 0) return;
    await this.db
      .updateTable('event_versions')
      .set({ declined_with: JSON.stringify([...kept, ...added].slice(0, 1000)) })
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('event_key', '=', key)
      .execute();
  }

  /** The people of stored interactions, each by their first address (else their name). */
  async peopleIn(interactionIds: readonly number[]): Promise<{ email?: string; name: string }[]> {
    if (interactionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('participations as p')
      .innerJoin('people as pe', 'pe.id', 'p.person_id')
      .leftJoin('person_emails as e', (j) => j.onRef('e.person_id', '=', 'pe.id').on('e.position', '=', 0))
      .select(['pe.id', 'pe.name', 'e.email'])
      .distinct()
      .where('p.interaction_id', 'in', interactionIds.slice(0, 500))
      .execute();
    return rows.map((r) => (r.email ? { email: r.email, name: r.name } : { name: r.name }));
  }

  /** Who was in the meetings of each event the user declined and then accepted again (see keepDeclinedWith). */
  async declinedWith(): Promise<Map<string, { email?: string; name: string }[]>> {
    const rows = await this.db
      .selectFrom('event_versions')
      .select(['event_key', 'declined_with'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('called_off', '=', 0)
      .where('declined_with', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.event_key, JSON.parse(r.declined_with ?? '[]')]));
  }

  /** Takes back the user's decline of an event (see callOffEvent, how 2): they accepted since. */
  async liftDecline(key: string): Promise<void> {
    await this.db
      .updateTable('event_versions')
      .set({ called_off: 0, called_off_from: null })
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('event_key', '=', key)
      .where('called_off', '=', 2)
      .execute();
  }

  /** The occurrences called off by a version kept (see callOffEvent): their SEQUENCE and how. */
  async calledOffEvents(): Promise<Map<string, { sequence: number; how: number; from: number | null }>> {
    const rows = await this.db
      .selectFrom('event_versions')
      .select(['event_key', 'sequence', 'called_off', 'called_off_from'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('called_off', '>', 0)
      .execute();
    return new Map(
      rows.map((r) => [
        r.event_key,
        {
          sequence: Number(r.sequence),
          how: Number(r.called_off),
          from: r.called_off_from === null ? null : Number(r.called_off_from),
        },
      ]),
    );
  }

  /** An answer whose message is not stored yet, kept until it is (a prepared statement on SQLite). */
  private async stageReplyKey(parentKey: string, childId: number): Promise<void> {
    if (this.stageStatement) {
      this.stageStatement.run(this.ctx.workspaceId, this.source, parentKey, childId);
      return;
    }
    await this.db
      .insertInto('reply_keys')
      .values({ workspace_id: this.ctx.workspaceId, source: this.source, parent_key: parentKey, child_id: childId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** The id and time of the interaction stored under (source, external id), if there is one. */
  private async storedAt(key: string): Promise<{ id: number; at: number } | undefined> {
    if (this.externalAtStatement) {
      const row = this.externalAtStatement.get(this.ctx.workspaceId, this.source, key) as
        | { id: number | bigint; at: number | bigint }
        | undefined;
      return row === undefined ? undefined : { id: Number(row.id), at: Number(row.at) };
    }
    const row = await this.db
      .selectFrom('interactions')
      .select(['id', 'at'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('external_id', '=', key)
      .executeTakeFirst();
    return row ? { id: Number(row.id), at: Number(row.at) } : undefined;
  }

  /** The people of an interaction found stored already, counted as matched at the end. */
  private async noteStoredPeople(id: number): Promise<void> {
    const ids = this.peopleOfStatement
      ? (this.peopleOfStatement.all(id) as (number | bigint)[])
      : (await this.db.selectFrom('participations').select('person_id').where('interaction_id', '=', id).execute()).map(
          (p) => p.person_id,
        );
    for (const p of ids) this.storedPeople.add(Number(p));
  }

  /** A staged answer linked (or found not worth linking): its key goes. */
  private async unstageReplyKey(parentKey: string, childId: number): Promise<void> {
    await this.db
      .deleteFrom('reply_keys')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('parent_key', '=', parentKey)
      .where('child_id', '=', childId)
      .execute();
  }

  /** Interaction id by (source, external id): a prepared statement on SQLite, the query builder otherwise. */
  private async findExternal(key: string): Promise<number | undefined> {
    if (this.externalStatement) {
      const id = this.externalStatement.get(this.ctx.workspaceId, this.source, key) as number | bigint | undefined;
      return id === undefined ? undefined : Number(id);
    }
    const row = await this.db
      .selectFrom('interactions')
      .select('id')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('source', '=', this.source)
      .where('external_id', '=', key)
      .executeTakeFirst();
    return row ? Number(row.id) : undefined;
  }
}

/** The first string after every string that starts with `prefix` (for a range scan of an index). */
function nextString(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** What a record found its person by, as said of a repeated entry. */
const MATCHED_WHAT: Record<MatchedBy, string> = {
  record: 'details',
  email: 'email',
  profile: 'profile URL',
  phone: 'name and phone',
  name: 'name',
};

/** "card 3", "line 12": how an issue names its place when there is no line. */
export function describe(w: Where): string {
  const where = w.record ?? (w.line !== null ? `line ${w.line}` : 'a record');
  return w.entry ? `${w.entry} ${where}` : where;
}

export function toIssue(file: string, i: ParseIssue): ImportIssue {
  return {
    // an entry of a folder or zip; a file given by itself is its own entry
    // (joined as written: a zip's entry "../x.csv" stays inside the zip's name, not beside it)
    file:
      i.entry && basename(file) !== i.entry ? (file === '' ? i.entry : `${file.replace(/\/+$/, '')}/${i.entry}`) : file,
    line: i.line,
    ...(i.record ? { record: i.record } : {}),
    code: i.code,
    message: i.message,
    ...(i.dropped ? { dropped: true as const } : {}),
  };
}

/** A uid for a record from its source and external id: the same record gives the same uid on every import. */
export function stableUid(source: string, externalId: string): string {
  return `${source}:${createHash('sha256').update(externalId).digest('base64url').slice(0, 22)}`;
}

/** A guest's answer kept of an event: the SEQUENCE answered, the answer's DTSTAMP and PARTSTAT. */
export interface StoredAnswer {
  readonly sequence: number;
  readonly stamp: number;
  readonly partstat: string;
}
