import type { z } from 'zod';
import { namesConflict, normalizeProfileUrl, phoneKey } from '../domain/identity.js';
import { isEmail, normalizeEmail, storedMailbox } from '../domain/person.js';
import { parseInstant } from '../domain/time.js';
import type { Removable } from '../domain/vocabulary.js';
import type { FlooredTable } from '../store/id-floors.js';
import { findInteractionIdByUid } from '../store/interaction.repository.js';
import { insertMilestone } from '../store/milestone.repository.js';
import { insertNeed, insertOffer } from '../store/need-offer.repository.js';
import { insertNextStep } from '../store/next-step.repository.js';
import {
  findPeopleByIds,
  findPersonIdByEmail,
  findPersonIdByLinkedin,
  findPersonIdByMailbox,
  findPersonIdByUid,
  MERGED_UID,
  updatePerson,
} from '../store/person.repository.js';
import { removedDetails } from '../store/removed-details.js';
import { getSetting, setSetting } from '../store/workspace.repository.js';
import { type BulkInteraction, BulkLoader } from './bulk-load.js';
import type { Context } from './context.js';
import { AppError } from './errors.js';
import { lineAndColumn, readTextFile } from './file-text.js';
import { keepAsideRow } from './import/kept-aside-rows.js';
import { type KeptTabRow, keepTabRow } from './import/kept-tab-mail.js';
import { forFile, type ImportProgress } from './import/options.js';
import { BAD_RECORD, emptyReport, type ImportIssue, type ImportReport, laterOnes } from './import-report.js';
import { createPerson } from './people.js';
import { COLLECTIONS, documentSchema, type PersonRecord } from './rapport-json.js';

type Db = Context['store']['db'];
const at = (s: string) => parseInstant(s) ?? 0;

class DryRun extends Error {}

/**
 * Imports Rapport JSON files, one transaction per file: people are matched by uid, then email,
 * then profile URL; everything else by uid (interactions also by source and external id), so a
 * re-import changes nothing. Invalid records are reported and skipped; a file that is not
 * Rapport JSON is refused whole.
 */
export async function importJson(
  ctx: Context,
  files: readonly string[],
  opts: {
    dryRun?: boolean;
    onProgress?: ImportProgress | undefined;
    /** on a dry run, what to ask of the database as the import leaves it, before it is rolled back */
    beforeRollback?: (ctx: Context, report: ImportReport) => Promise<void>;
  } = {},
): Promise<ImportReport> {
  const report = emptyReport('json', opts.dryRun ?? false);
  // every file is read and checked before anything is written: a wrong one refuses the whole list
  if (files.length > 1) {
    const refusals: string[] = [];
    for (const file of files)
      try {
        parseDocument(file, await readTextFile(file));
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'file_rejected')) throw error;
        refusals.push(error.message);
      }
    if (refusals.length > 0)
      throw new AppError(
        'file_rejected',
        `${refusals.join('; ')}; nothing was imported (${refusals.length} of ${files.length} files refused)`,
      );
  }
  // a dry run takes every file in one transaction, rolled back at the end, so that each file
  // sees what those before it would have written: it reports what the real import does
  try {
    if (opts.dryRun)
      await ctx.store.db.transaction().execute(async (trx) => {
        for (const [k, file] of files.entries()) {
          const doc = parseDocument(file, await readTextFile(file));
          report.files.push(file);
          await importDocument(ctx, trx, file, doc, report, forFile(opts, files, k).onProgress);
        }
        await opts.beforeRollback?.({ ...ctx, store: { ...ctx.store, db: trx } }, report);
        throw new DryRun();
      });
    else
      for (const [k, file] of files.entries()) {
        const doc = parseDocument(file, await readTextFile(file));
        report.files.push(file);
        const onProgress = forFile(opts, files, k).onProgress;
        await ctx.store.db.transaction().execute((trx) => importDocument(ctx, trx, file, doc, report, onProgress));
      }
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return report;
}

function parseDocument(file: string, text: string) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    throw new AppError(
      'file_rejected',
      `${file}${where ? `:${where.line}:${where.column}` : ''} is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`,
    );
  }
  const doc = documentSchema.safeParse(value);
  if (!doc.success) {
    const head = value as { format?: unknown; version?: unknown } | null;
    const fmt = head?.format;
    // a Rapport export of this version whose shape is wrong: the first field at fault is named
    const issue = doc.error.issues[0];
    const at = issue?.path.map(String).join('.') ?? '';
    throw new AppError(
      'file_rejected',
      fmt !== 'rapport'
        ? `${file} is not a Rapport JSON export (expected "format": "rapport")`
        : head?.version !== 1
          ? `${file} is a Rapport export of an unsupported version (this version reads version 1)`
          : `${file} is not a readable Rapport export: "${at}" ${issue?.code === 'invalid_type' ? `should be ${describeExpected(issue)}` : 'is not as the format has it'}`,
    );
  }
  return doc.data;
}

/** What a field should be, from zod's issue: "an array", "a string". */
function describeExpected(issue: { expected?: unknown }): string {
  const what = String(issue.expected ?? 'something else');
  return `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`;
}

type Doc = ReturnType<typeof parseDocument>;

/** Fields a person cannot be kept without. */
const PERSON_IDENTITY = new Set(['uid', 'name']);

/**
 * The people of the file, as `valid` reads them, but a bad optional field (a birthday that is no
 * date, an address that is none) is dropped with an issue and the person kept without it, as the
 * other importers do; only a record without a readable uid and name is skipped. Returns the
 * skipped records' uids too, so what refers to them can say so.
 */
function validPeople(
  file: string,
  items: unknown[],
  report: ImportReport,
): { records: PersonRecord[]; skipped: Map<string, string> } {
  const records: PersonRecord[] = [];
  const skipped = new Map<string, string>();
  items.forEach((item, i) => {
    report.records++;
    const record = `people[${i}]`;
    const say = (code: string, message: string) => report.issues.push({ file, line: null, record, code, message });
    let value: unknown = item;
    for (let attempt = 0; attempt < 20; attempt++) {
      const parsed = COLLECTIONS.people.safeParse(value);
      if (parsed.success) {
        const p = parsed.data as PersonRecord;
        const emails = p.emails.filter((e) => {
          if (isEmail(e)) return true;
          say('invalid_field', `emails: "${e.slice(0, 100)}" is not an email address; kept without it`);
          return false;
        });
        records.push({ ...p, emails });
        return;
      }
      const issue = parsed.error.issues[0];
      const field = issue?.path[0];
      if (typeof field !== 'string' || PERSON_IDENTITY.has(field) || typeof value !== 'object' || value === null) {
        leftOut(report, {
          file,
          line: null,
          record,
          code: 'invalid_record',
          message: `${issueText(issue)}; skipped`,
        });
        const uid = (item as { uid?: unknown } | null)?.uid;
        if (typeof uid === 'string') skipped.set(uid, record);
        return;
      }
      say('invalid_field', `${issueText(issue)}; kept without it`);
      const { [field]: _dropped, ...rest } = value as Record<string, unknown>;
      value = rest;
    }
  });
  return { records, skipped };
}

/**
 * What is wrong with a record, in words: "uid is missing", "emails.0 should be a string, not a
 * number", else the validator's own sentence after the field it is about.
 */
function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'the record is not valid';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the record';
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    if (received === 'undefined') return `${where} is missing`;
    return `${where} should be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}${received ? `, not ${/^[aeiou]/.test(received) ? 'an' : 'a'} ${received}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * The valid items of a collection, each with its index in the file (what issues name); each
 * invalid one is reported and left out. The user's records
 * (people, interactions, the ledger…) are counted as records read; the import's bookkeeping (keys,
 * versions, answers awaiting their message) is not: the report says nothing else of it.
 */
function valid<K extends keyof typeof COLLECTIONS>(
  file: string,
  name: K,
  items: unknown[],
  report: ImportReport,
): [number, z.infer<(typeof COLLECTIONS)[K]>][] {
  const out: [number, z.infer<(typeof COLLECTIONS)[K]>][] = [];
  const counted = USER_RECORDS.has(name);
  // where each uid was first: one uid twice in a file is a damaged file, not a record stored before
  const firstAt = new Map<string, number>();
  items.forEach((item, i) => {
    if (counted) report.records++;
    const parsed = COLLECTIONS[name].safeParse(item);
    const uid = parsed.success ? (parsed.data as { uid?: unknown }).uid : undefined;
    const first = typeof uid === 'string' ? firstAt.get(uid) : undefined;
    if (first !== undefined)
      leftOut(report, {
        file,
        line: null,
        record: `${name}[${i}]`,
        code: 'duplicate_uid',
        message: `its uid ${uid} is ${name}[${first}]'s too; the second record is skipped`,
      });
    else if (parsed.success) {
      if (typeof uid === 'string') firstAt.set(uid, i);
      out.push([i, parsed.data as z.infer<(typeof COLLECTIONS)[K]>]);
    } else {
      leftOut(report, {
        file,
        line: null,
        record: `${name}[${i}]`,
        code: 'invalid_record',
        message: `${issueText(parsed.error.issues[0])}; skipped`,
      });
    }
  });
  return out;
}

/** The collections that hold what the user has (counted as records), not the import's bookkeeping. */
const USER_RECORDS: ReadonlySet<string> = new Set([
  'people',
  'interactions',
  'exchanges',
  'needs',
  'offers',
  'nextSteps',
  'milestones',
]);

/** A record left out for an issue: reported, and counted among the records skipped (bad_record). */
function leftOut(report: ImportReport, issue: ImportIssue): void {
  report.issues.push({ ...issue, dropped: true });
  report.skipped[BAD_RECORD] = (report.skipped[BAD_RECORD] ?? 0) + 1;
}

async function importDocument(
  ctx: Context,
  db: Db,
  file: string,
  doc: Doc,
  report: ImportReport,
  onProgress?: (stage: string, done: number, total: number) => void,
) {
  const ws = ctx.workspaceId;
  for (const [key, value] of Object.entries(doc.workspace?.settings ?? {}))
    if ((await getSetting(db, ws, key)) === undefined) await setSetting(db, ws, key, value);

  // what the user took back here or in the copy (rapport remove) is not put back
  const removed = await removedHere(ctx, db, file, doc, report);
  const wasRemoved = (kind: Removable, uid: string): boolean => {
    if (!removed.has(`${kind} ${uid}`)) return false;
    report.skipped.removed = (report.skipped.removed ?? 0) + 1;
    return true;
  };
  // a copy restored into a database without such records keeps their ids, as it keeps people's
  const keep = await freshTables(db, {
    interactions: doc.interactions,
    exchanges: doc.exchanges,
    needs: doc.needs,
    offers: doc.offers,
    next_steps: doc.nextSteps,
    milestones: doc.milestones,
  });
  const keptId = (table: FlooredTable, id: number | undefined): { id?: number } => {
    const ids = keep.get(table);
    if (ids === undefined) return {};
    // one without an id of its own (or with one an earlier record took: a file edited by hand)
    // takes one above every id of the file, never one a later record keeps
    const take = id !== undefined && id > 0 && !ids.used.has(id) ? id : ++ids.highest;
    ids.used.add(take);
    return { id: take };
  };

  const people = new Map<string, number>();
  /** the people the file's records gave, so far: two of them are never one */
  const fileIds = new Set<number>();
  const { records: personRecords, skipped: skippedPeople } = validPeople(file, doc.people, report);
  const again: { count: number; first?: string } = { count: 0 };
  let done = 0;
  for (const p of personRecords) {
    // one uid twice in a file: the file is damaged; the second record is not merged into the first
    if (people.has(p.uid)) {
      leftOut(report, {
        file,
        line: null,
        record: `person ${p.uid}`,
        code: 'duplicate_uid',
        message: `person ${p.uid} (${p.name}) appears twice in the file; the second record is skipped`,
      });
      continue;
    }
    const id = await importPerson(ctx, db, file, p, report, { fileIds, again });
    people.set(p.uid, id);
    fileIds.add(id);
    if (++done % 1000 === 0) onProgress?.('people', done, personRecords.length);
  }
  if (again.count > 0)
    report.issues.push({
      file,
      line: null,
      record: `person ${again.first}`,
      code: 'same_contact',
      message:
        again.count === 1
          ? 'the same person as an entry of an earlier file of this import; taken as one'
          : `this person and ${laterOnes(again.count - 1)} are people an earlier file of this import already gave; each was taken as that person, not added again`,
    });
  /** Why a reference to a person the file does not give (or gave in a record it skipped) finds no one. */
  const missing = (uid: string, field: string) =>
    skippedPeople.has(uid)
      ? `${field} refers to person ${uid}, whose record (${skippedPeople.get(uid)}) was skipped`
      : `${field} refers to person ${uid}, who is not in the file`;
  /** The import's bookkeeping: a reference to no one is reported, and the entry goes. */
  const person = (uid: string | null, record: string, field: string): number | null | undefined => {
    if (uid === null) return null;
    const id = people.get(uid);
    if (id === undefined)
      report.issues.push({ file, line: null, record, code: 'unknown_person', message: missing(uid, field) });
    return id;
  };
  /** A user's record (a need, an exchange…): one whose person is no one is left out, reported and counted as skipped. */
  const owner = (uid: string | null, record: string, field: string): number | null | undefined => {
    if (uid === null) return null;
    const id = people.get(uid);
    if (id === undefined)
      leftOut(report, {
        file,
        line: null,
        record,
        code: 'unknown_person',
        message: `${missing(uid, field)}; the record is left out`,
      });
    return id;
  };

  const loader = new BulkLoader(ctx, db);
  const interactions: BulkInteraction[] = [];
  for (const [i, r] of valid(file, 'interactions', doc.interactions, report)) {
    const record = `interactions[${i}]`;
    // a meeting keeps the people of it the file gives; one with none of them left is left out
    const ids = [...new Set(r.people.flatMap((u) => people.get(u) ?? []))];
    const unknown = [...new Set([...r.people, ...(r.fromPerson === null ? [] : [r.fromPerson])])].filter(
      (u) => !people.has(u),
    );
    const outcome =
      ids.length === 0
        ? 'the interaction is left out: nobody else the file gives is in it'
        : `the interaction is kept with the ${ids.length === 1 ? 'other person' : `${ids.length} others`} in it`;
    for (const u of unknown)
      report.issues.push({
        file,
        line: null,
        record,
        code: 'unknown_person',
        message: `${missing(u, r.people.includes(u) ? 'people' : 'fromPerson')}; ${outcome}`,
        ...(ids.length === 0 ? { dropped: true } : {}),
      });
    if (ids.length === 0) {
      report.skipped[BAD_RECORD] = (report.skipped[BAD_RECORD] ?? 0) + 1;
      continue;
    }
    if (wasRemoved('interaction', r.uid)) continue;
    interactions.push({
      ...keptId('interactions', r.id),
      uid: r.uid,
      at: at(r.at),
      channel: r.channel,
      direction: r.direction,
      depth: r.depth,
      participantIds: ids,
      fromPersonId: r.fromPerson === null ? null : (people.get(r.fromPerson) ?? null),
      minutes: r.minutes,
      note: r.note,
      source: r.source,
      externalId: r.externalId,
      replyToUid: r.replyTo,
      answersUnknown: r.answersUnknown === true && r.replyTo === null,
      audience: r.audience,
    });
  }
  const ic = await loader.interactions(interactions, (n) => onProgress?.('interactions', n, interactions.length));
  report.interactions.created += ic.created;
  report.interactions.duplicates += ic.duplicates;

  const exchanges = [];
  for (const [i, x] of valid(file, 'exchanges', doc.exchanges, report)) {
    const record = `exchanges[${i}]`;
    const personId = owner(x.person, record, 'person');
    if (personId === undefined || personId === null) continue;
    const introduced = x.introducedPerson === null ? null : (people.get(x.introducedPerson) ?? null);
    if (x.introducedPerson !== null && introduced === null) {
      report.issues.push({
        file,
        line: null,
        record,
        code: 'unknown_person',
        message: `${missing(x.introducedPerson, 'introducedPerson')}; the exchange is kept without it`,
      });
    }
    if (wasRemoved('exchange', x.uid)) continue;
    exchanges.push({
      ...keptId('exchanges', x.id),
      uid: x.uid,
      personId,
      direction: x.direction,
      category: x.category,
      note: x.note,
      impact: x.impact,
      acknowledgedAt: x.acknowledgedAt === null ? null : at(x.acknowledgedAt),
      at: at(x.at),
      introducedPersonId: introduced,
    });
  }
  const xc = await loader.exchanges(exchanges);
  report.exchanges.created += xc.created;
  report.exchanges.duplicates += xc.duplicates;

  const exists = async (table: 'needs' | 'offers' | 'next_steps' | 'milestones', uid: string) =>
    (await db
      .selectFrom(table as 'needs')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('uid', '=', uid)
      .executeTakeFirst()) !== undefined;

  for (const [i, n] of valid(file, 'needs', doc.needs, report)) {
    const personId = owner(n.person, `needs[${i}]`, 'person');
    if (personId === undefined || personId === null) continue;
    if (wasRemoved('need', n.uid)) continue;
    if (await exists('needs', n.uid)) report.needs.duplicates++;
    else {
      await insertNeed(db, ws, {
        ...keptId('needs', n.id),
        uid: n.uid,
        personId,
        text: n.text,
        unmet: n.unmet,
        status: n.status,
        createdAt: at(n.createdAt),
      });
      report.needs.created++;
    }
  }
  for (const [i, o] of valid(file, 'offers', doc.offers, report)) {
    const personId = owner(o.person, `offers[${i}]`, 'person');
    if (personId === undefined) continue;
    if (wasRemoved('offer', o.uid)) continue;
    if (await exists('offers', o.uid)) report.offers.duplicates++;
    else {
      await insertOffer(db, ws, {
        ...keptId('offers', o.id),
        uid: o.uid,
        personId,
        text: o.text,
        category: o.category,
        tags: o.tags,
        createdAt: at(o.createdAt),
      });
      report.offers.created++;
    }
  }
  for (const [i, s] of valid(file, 'nextSteps', doc.nextSteps, report)) {
    const personId = owner(s.person, `nextSteps[${i}]`, 'person');
    if (personId === undefined || personId === null) continue;
    if (wasRemoved('step', s.uid)) continue;
    if (await exists('next_steps', s.uid)) report.nextSteps.duplicates++;
    else {
      await insertNextStep(db, ws, {
        ...keptId('next_steps', s.id),
        uid: s.uid,
        personId,
        text: s.text,
        why: s.why,
        due: at(s.due),
        status: s.status,
        createdAt: at(s.createdAt),
        doneAt: s.doneAt === null ? null : at(s.doneAt),
      });
      report.nextSteps.created++;
    }
  }
  for (const [i, m] of valid(file, 'milestones', doc.milestones, report)) {
    const personId = owner(m.person, `milestones[${i}]`, 'person');
    if (personId === undefined || personId === null) continue;
    if (wasRemoved('milestone', m.uid)) continue;
    if (await exists('milestones', m.uid)) report.milestones.duplicates++;
    else {
      await insertMilestone(
        db,
        ws,
        { ...keptId('milestones', m.id), uid: m.uid, personId, text: m.text, on: m.on, yearly: m.yearly },
        ctx.now,
      );
      report.milestones.created++;
    }
  }
  for (const [i, d] of valid(file, 'distinctPeople', doc.distinctPeople, report)) {
    const a = person(d.a, `distinctPeople[${i}]`, 'a');
    const b = person(d.b, `distinctPeople[${i}]`, 'b');
    if (a === undefined || a === null || b === undefined || b === null || a === b) continue;
    await db
      .insertInto('distinct_people')
      .values({
        workspace_id: ws,
        person_a: Math.min(a, b),
        person_b: Math.max(a, b),
        created_at: d.createdAt ? at(d.createdAt) : ctx.now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const [i, d] of valid(file, 'possibleDuplicates', doc.possibleDuplicates, report)) {
    const a = person(d.a, `possibleDuplicates[${i}]`, 'a');
    const b = person(d.b, `possibleDuplicates[${i}]`, 'b');
    if (a === undefined || a === null || b === undefined || b === null || a === b) continue;
    await db
      .insertInto('possible_duplicates')
      .values({
        workspace_id: ws,
        person_a: Math.min(a, b),
        person_b: Math.max(a, b),
        reason: d.reason,
        created_at: d.createdAt ? at(d.createdAt) : ctx.now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // import bookkeeping: kept where the workspace has none of its own for that record or event
  for (const [i, k] of valid(file, 'personKeys', doc.personKeys, report)) {
    const personId = person(k.person, `personKeys[${i}]`, 'person');
    if (personId === undefined || personId === null) continue;
    await db
      .insertInto('person_keys')
      .values({ workspace_id: ws, source: k.source, record_key: k.key, person_id: personId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // someone the copy says was merged into this person, still apart here (an older copy imported
    // first): not merged in silence, put before the user
    if (k.source === MERGED_UID) {
      const apart = await db
        .selectFrom('people')
        .select(['id', 'name'])
        .where('workspace_id', '=', ws)
        .where('uid', '=', k.key)
        .executeTakeFirst();
      const reason = `${file} says ${apart?.name} was merged into this person`;
      if (apart && Number(apart.id) !== personId)
        await db
          .insertInto('possible_duplicates')
          .values({
            workspace_id: ws,
            person_a: Math.min(Number(apart.id), personId),
            person_b: Math.max(Number(apart.id), personId),
            reason,
            created_at: ctx.now,
          })
          // the strongest reason there is: it replaces an address they were found to share
          .onConflict((oc) => oc.columns(['workspace_id', 'person_a', 'person_b']).doUpdateSet({ reason }))
          .execute();
    }
  }
  for (const [, v] of valid(file, 'eventVersions', doc.eventVersions, report)) {
    const stored = await db
      .selectFrom('event_versions')
      .select(['sequence', 'modified', 'expanded_to', 'declined_with'])
      .where('workspace_id', '=', ws)
      .where('source', '=', v.source)
      .where('event_key', '=', v.key)
      .executeTakeFirst();
    // what the copy says of the version, written whole where the copy's is newer
    const version = {
      sequence: v.sequence,
      modified: v.modified,
      called_off: v.calledOff,
      called_off_from: v.calledOffFrom,
      expanded_to: v.expandedTo,
      declined_with: v.declinedWith === null ? null : JSON.stringify(v.declinedWith),
    };
    if (!stored)
      await db
        .insertInto('event_versions')
        .values({ workspace_id: ws, source: v.source, event_key: v.key, ...version })
        .execute();
    else {
      const newer =
        Number(stored.sequence) < v.sequence ||
        (Number(stored.sequence) === v.sequence && (v.modified ?? -1) > Number(stored.modified ?? -1));
      const same = Number(stored.sequence) === v.sequence && (v.modified ?? -1) === Number(stored.modified ?? -1);
      // the same version: what the copy knows of it that this workspace does not (how far it was
      // expanded, who was in it when the user declined it; a workspace from before migration 0036)
      const expandedTo =
        v.expandedTo === null ? null : Math.max(v.expandedTo, Number(stored.expanded_to ?? v.expandedTo));
      const set = newer
        ? version
        : same
          ? {
              ...(expandedTo !== null && expandedTo !== Number(stored.expanded_to ?? -1)
                ? { expanded_to: expandedTo }
                : {}),
              ...(stored.declined_with === null && version.declined_with !== null
                ? { declined_with: version.declined_with }
                : {}),
            }
          : {};
      if (Object.keys(set).length > 0)
        await db
          .updateTable('event_versions')
          .set(set)
          .where('workspace_id', '=', ws)
          .where('source', '=', v.source)
          .where('event_key', '=', v.key)
          .execute();
    }
  }
  // guests' answers: the newer of the copy's and the one kept here (a higher SEQUENCE, or later)
  for (const [, a] of valid(file, 'eventAnswers', doc.eventAnswers, report)) {
    const answer = { sequence: a.sequence, stamp: a.stamp, partstat: a.partstat };
    await db
      .insertInto('event_answers')
      .values({ workspace_id: ws, source: a.source, event_key: a.key, email: a.email.toLowerCase(), ...answer })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'source', 'event_key', 'email'])
          .doUpdateSet(answer)
          .where((eb) =>
            eb.or([
              eb('event_answers.sequence', '<', a.sequence),
              eb.and([eb('event_answers.sequence', '=', a.sequence), eb('event_answers.stamp', '<', a.stamp)]),
            ]),
          ),
      )
      .execute();
  }
  // an interaction of the file by its uid, or, found stored already under another uid (the same
  // mail imported here before), by its source and external id
  const keys = new Map(
    interactions.flatMap((r) =>
      r.externalId ? [[r.uid, { source: r.source, externalId: r.externalId }] as const] : [],
    ),
  );
  const interactionId = async (uid: string): Promise<number | undefined> => {
    const id = await findInteractionIdByUid(db, ws, uid);
    const key = keys.get(uid);
    if (id !== undefined || key === undefined) return id;
    const row = await db
      .selectFrom('interactions')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('source', '=', key.source)
      .where('external_id', '=', key.externalId)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.id);
  };
  // answers still waiting for their message: kept, so that importing it links them
  for (const [i, k] of valid(file, 'replyKeys', doc.replyKeys, report)) {
    const childId = await interactionId(k.interaction);
    if (childId === undefined) {
      report.issues.push({
        file,
        line: null,
        record: `replyKeys[${i}]`,
        code: 'unknown_interaction',
        message: `replyKeys[${i}] refers to interaction ${k.interaction}, which is not in the file`,
      });
      continue;
    }
    await db
      .insertInto('reply_keys')
      .values({ workspace_id: ws, source: k.source, parent_key: k.key, child_id: childId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // addresses stored messages went to that were nobody then: a later import that makes them someone adds them
  for (const [i, k] of valid(file, 'pendingParticipants', doc.pendingParticipants, report)) {
    const stored = await interactionId(k.interaction);
    if (stored === undefined) {
      report.issues.push({
        file,
        line: null,
        record: `pendingParticipants[${i}]`,
        code: 'unknown_interaction',
        message: `pendingParticipants[${i}] refers to interaction ${k.interaction}, which is not in the file`,
      });
      continue;
    }
    await db
      .insertInto('pending_participants')
      .values({
        workspace_id: ws,
        email: normalizeEmail(k.email),
        mailbox: storedMailbox(normalizeEmail(k.email)),
        interaction_id: stored,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // bulk messages an import kept aside: a later import that makes someone they went to known stores them
  // parsed from JSON: an optional field is absent, never undefined
  for (const [, k] of valid(file, 'keptAside', doc.keptAside, report))
    await keepAsideRow(db, ws, k as Parameters<typeof keepAsideRow>[2], ctx.now);
  // Gmail-tab mail from nobody the user had written to: a later import that shows them writing stores it
  for (const [, k] of valid(file, 'keptTabMail', doc.keptTabMail, report))
    await keepTabRow(db, ws, k as KeptTabRow, ctx.now);
  // once its records have their ids (those below the floor kept, as in the copy)
  await keepIdFloor(db, 'people', doc.peopleIdFloor);
  for (const [table, floor] of Object.entries(doc.idFloors ?? {})) await keepIdFloor(db, table as FlooredTable, floor);
  await loader.finish((n, total) => onProgress?.('scores', n, total));
}

/**
 * A record of the copy that gives a person an address someone else holds here joins the two: they
 * may be one person. Each such pair is kept as a possible duplicate (`rapport duplicates`) and said
 * in the report, never merged.
 */
async function markSharedAddresses(
  ctx: Context,
  db: Db,
  id: number,
  name: string,
  takenBy: ReadonlyMap<number, string>,
  report: ImportReport,
): Promise<void> {
  for (const [owner, email] of takenBy) {
    if (owner === id) continue;
    const other = await nameOf(db, owner);
    await markPair(
      ctx,
      db,
      report,
      { id, owner, name, other },
      `an email address of ${other}`,
      `a copy gives ${name} the address ${email}, which ${other} holds`,
    );
  }
}

async function nameOf(db: Db, id: number): Promise<string> {
  const row = await db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? `person ${id}`;
}

/** Keeps two people a record of the copy joins as a possible duplicate, and says so in the report. */
async function markPair(
  ctx: Context,
  db: Db,
  report: ImportReport,
  pair: { id: number; owner: number; name: string; other: string },
  said: string,
  reason = `a copy gives ${pair.name} ${said}`,
): Promise<void> {
  const [a, b] = pair.id < pair.owner ? [pair.id, pair.owner] : [pair.owner, pair.id];
  await db
    .insertInto('possible_duplicates')
    .values({ workspace_id: ctx.workspaceId, person_a: a, person_b: b, reason, created_at: ctx.now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  sayCandidate(report, { personId: pair.id, otherId: pair.owner, name: pair.name, reasons: [said] });
}

/**
 * Says a candidate pair in the report. The same pair said just before (a person made apart, whose
 * address was then found taken by the one they were kept apart from) is said once, in these words.
 */
function sayCandidate(report: ImportReport, c: ImportReport['candidates'][number]): void {
  const last = report.candidates.at(-1);
  if (
    last !== undefined &&
    ((last.personId === c.personId && last.otherId === c.otherId) ||
      (last.personId === c.otherId && last.otherId === c.personId))
  )
    report.candidates.pop();
  report.candidates.push(c);
  report.candidateCount = report.candidates.length;
}

/** Whether a person id is in use, in any workspace of the database (ids are the table's), or was and is removed. */
async function idTaken(db: Db, id: number): Promise<boolean> {
  if ((await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst()) !== undefined) return true;
  const floor = await db.selectFrom('id_floors').select('floor').where('name', '=', 'people').executeTakeFirst();
  return floor !== undefined && id <= Number(floor.floor);
}

/** Raises the floor of a table's ids to the copy's: an id removed there is given to nothing here either. */
async function keepIdFloor(db: Db, table: FlooredTable, floor: number | undefined): Promise<void> {
  if (floor === undefined || floor <= 0) return;
  const here = await db.selectFrom('id_floors').select('floor').where('name', '=', table).executeTakeFirst();
  if (here !== undefined && Number(here.floor) >= floor) return;
  await db
    .insertInto('id_floors')
    .values({ name: table, floor })
    .onConflict((oc) => oc.column('name').doUpdateSet({ floor }))
    .execute();
}

/**
 * The tables of records no database row holds and none was removed from: the copy's ids are
 * free there, and kept (the ids each record takes, so that two records of a file edited by hand
 * never take one id).
 */
async function freshTables(
  db: Db,
  records: Record<Exclude<FlooredTable, 'people'>, readonly unknown[]>,
): Promise<Map<FlooredTable, { used: Set<number>; highest: number }>> {
  const fresh = new Map<FlooredTable, { used: Set<number>; highest: number }>();
  for (const [table, items] of Object.entries(records) as [Exclude<FlooredTable, 'people'>, readonly unknown[]][]) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    const floor = await db.selectFrom('id_floors').select('floor').where('name', '=', table).executeTakeFirst();
    if (row !== undefined || floor !== undefined) continue;
    let highest = 0;
    for (const item of items) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id > highest) highest = id;
    }
    fresh.set(table, { used: new Set(), highest });
  }
  return fresh;
}

/**
 * The records the user took back with `rapport remove`, here and in the copy ("kind uid"): the
 * copy's are kept here too, so that an older copy imported later does not put them back either.
 */
async function removedHere(ctx: Context, db: Db, file: string, doc: Doc, report: ImportReport): Promise<Set<string>> {
  const ws = ctx.workspaceId;
  const rows = await db.selectFrom('removed_records').select(['kind', 'uid']).where('workspace_id', '=', ws).execute();
  const removed = new Set(rows.map((r) => `${r.kind} ${r.uid}`));
  for (const [, r] of valid(file, 'removedRecords', doc.removedRecords, report)) {
    removed.add(`${r.kind} ${r.uid}`);
    await db
      .insertInto('removed_records')
      .values({ workspace_id: ws, kind: r.kind, uid: r.uid, removed_at: r.removedAt ? at(r.removedAt) : ctx.now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return removed;
}

/** Finds the person a record describes (uid, then email, then profile URL) or creates them. */
/** The people each import counted (created or matched), so that a person is counted once per import. */
const counted = new WeakMap<ImportReport, Set<number>>();

function countedBy(report: ImportReport): Set<number> {
  const set = counted.get(report) ?? new Set<number>();
  counted.set(report, set);
  return set;
}

async function importPerson(
  ctx: Context,
  db: Db,
  file: string,
  p: PersonRecord,
  report: ImportReport,
  /**
   * `create`: a person of their own, no one else looked for; `fileIds`: the people earlier records
   * of the file gave; `again`: counts the records naming someone an earlier file of the import gave
   */
  opts: { create?: boolean; fileIds?: ReadonlySet<number>; again?: { count: number; first?: string } } = {},
): Promise<number> {
  const ws = ctx.workspaceId;
  const emails = [...new Set(p.emails.map(normalizeEmail))];
  let id = await findPersonIdByUid(db, ws, p.uid);
  const sameRecord = id !== undefined;
  let byDetail: number | undefined;
  // found by uid: the same person; created apart (opts.create): no one else is looked for
  const look = id === undefined && !opts.create;
  for (const e of emails) if (byDetail === undefined && look) byDetail = await findPersonIdByEmail(db, ws, e);
  // …or by another spelling of one of its mailboxes (tom@ for tom+news@), as imports find people
  for (const e of emails) if (byDetail === undefined && look) byDetail = await findPersonIdByMailbox(db, ws, e);
  if (byDetail === undefined && look && p.linkedin) byDetail = await findPersonIdByLinkedin(db, ws, p.linkedin);
  if (id === undefined && byDetail !== undefined) {
    // an address or profile shared by someone of another name: never merged in silence
    const other = await db
      .selectFrom('people')
      .select(['name', 'name_made'])
      .where('id', '=', byDetail)
      .executeTakeFirst();
    // …and two people of the file (a copy holds no address twice: one edited by hand) never merged at all
    const sameFile = opts.fileIds?.has(byDetail) === true;
    // (two names that may be one person's, "Bob Brown" and "Robert Brown", are matched by the address,
    // as a contact record is: a copy of a workspace where the user merged them says they are one)
    if (other && (sameFile || (!other.name_made && p.nameMade !== true && namesConflict(other.name, p.name)))) {
      // made apart: its profile stays with whoever holds it (said by the profile check below)
      const created = await importPerson(ctx, db, file, p, report, { create: true });
      const [a, b] = created < byDetail ? [created, byDetail] : [byDetail, created];
      await db
        .insertInto('possible_duplicates')
        .values({
          workspace_id: ws,
          person_a: a,
          person_b: b,
          reason: `${p.name} and ${other.name} share an email address or profile`,
          created_at: ctx.now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      // (said in place of the address the person made apart was found to share with them)
      sayCandidate(report, {
        personId: created,
        otherId: byDetail,
        name: p.name,
        reasons: [
          sameFile
            ? 'two people of the file with an email address or profile in common'
            : 'an email address or profile in common, another name',
        ],
      });
      return created;
    }
    id = byDetail;
  }
  // emails already held by someone else stay with them
  const freeEmails: string[] = [];
  const takenBy = new Map<number, string>();
  for (const e of emails) {
    const owner = await findPersonIdByEmail(db, ws, e);
    if (owner === undefined || owner === id) freeEmails.push(e);
    else {
      if (!takenBy.has(owner)) takenBy.set(owner, e);
      report.issues.push({
        file,
        line: null,
        record: `person ${p.uid}`,
        code: 'email_taken',
        message: `${e} already belongs to person ${owner}; not added to ${p.name}`,
      });
    }
  }
  // a profile someone else holds stays theirs too (a copy of the same workspace holds each once)
  let linkedin = p.linkedin;
  if (linkedin) {
    const url = normalizeProfileUrl(linkedin) ?? linkedin;
    const owner = await findPersonIdByLinkedin(db, ws, url);
    // (two people an earlier release let share a profile: the one holding it keeps it)
    const holds =
      id !== undefined &&
      (await db.selectFrom('people').select('linkedin').where('id', '=', id).executeTakeFirst())?.linkedin === url;
    if (owner !== undefined && owner !== id && !holds) {
      report.issues.push({
        file,
        line: null,
        record: `person ${p.uid}`,
        code: 'profile_taken',
        message: `${linkedin} already belongs to person ${owner}; not added to ${p.name}`,
      });
      linkedin = null;
      // found by an address, with the profile of another: the record joins the two
      if (id !== undefined) {
        const other = await nameOf(db, owner);
        await markPair(ctx, db, report, { id, owner, name: p.name, other }, `the LinkedIn profile of ${other}`);
      }
    }
  }
  if (id === undefined) {
    // the id the export had, when no one holds it here (a copy restored into a new database):
    // `rapport show 3` then means the same person in both
    const free = p.id !== undefined && p.id > 0 && !(await idTaken(db, p.id)) ? p.id : undefined;
    const created = await createPerson(
      ctx,
      db,
      {
        ...p,
        linkedin,
        nameMade: p.nameMade === true,
        nameSource: p.nameSource ?? null,
        jobSource: p.jobSource ?? null,
        jobAt: p.jobSource && p.jobAt ? at(p.jobAt) : null,
        stageSetAt: p.stageOverride && p.stageSetAt ? at(p.stageSetAt) : null,
        emails: freeEmails,
      },
      p.uid,
      {
        createdAt: p.createdAt ? at(p.createdAt) : ctx.now,
        updatedAt: p.updatedAt ? at(p.updatedAt) : ctx.now,
        ...(free === undefined ? {} : { id: free }),
      },
    );
    report.people.created++;
    countedBy(report).add(created);
    await markSharedAddresses(ctx, db, created, p.name, takenBy, report);
    return created;
  }
  // two records of a copy taken before the user merged them: the second is the person the first
  // gave, said once per record, and counted once
  if (sameRecord && opts.fileIds?.has(id)) {
    report.issues.push({
      file,
      line: null,
      record: `person ${p.uid}`,
      code: 'merged_person',
      message: `${p.name} and an earlier record of this file were merged into person ${id} since this copy was made; taken as one`,
    });
    return id;
  }
  // a person is counted once per import: one an earlier file of it gave is said (once for the
  // file: see importDocument), not counted again
  if (countedBy(report).has(id)) {
    if (opts.again) {
      opts.again.count++;
      opts.again.first ??= p.uid;
    }
  } else {
    countedBy(report).add(id);
    report.people.matched++;
  }
  const [existing] = await findPeopleByIds(db, ws, [id]);
  if (!existing) return id;
  // the same person changed since the copy was taken (an edit, a merge, an import): what the
  // copy holds is older, and takes back nothing the user took off or cleared (an address, a
  // phone, a tag, a stage set by hand)
  if (sameRecord && p.updatedAt !== undefined && existing.updatedAt > at(p.updatedAt)) return id;
  // fill what is missing; never overwrite what the user already has, nor put back what they removed
  const patch: Parameters<typeof updatePerson>[3] = {};
  const removedEmails = await removedDetails(db, ws, id, 'email');
  // an address the user took off this person and someone else holds now is no sign they are one
  await markSharedAddresses(
    ctx,
    db,
    id,
    existing.name,
    new Map([...takenBy].filter(([, e]) => !removedEmails.has(e))),
    report,
  );
  const removedPhones = await removedDetails(db, ws, id, 'phone');
  const missing = freeEmails.filter((e) => !existing.emails.includes(e) && !removedEmails.has(e));
  if (missing.length) patch.emails = [...existing.emails, ...missing];
  const extraPhones = p.phones.filter((x) => !existing.phones.includes(x) && !removedPhones.has(phoneKey(x)));
  if (extraPhones.length) patch.phones = [...existing.phones, ...extraPhones];
  const extraTags = p.tags.filter((x) => !existing.tags.includes(x));
  if (extraTags.length) patch.tags = [...existing.tags, ...extraTags];
  for (const key of [
    'org',
    'title',
    'linkedin',
    'met',
    'birthday',
    'notes',
    'tier',
    'goal',
    'cadenceDays',
    'stageOverride',
  ] as const)
    if (existing[key] === null && p[key] !== null && (key !== 'linkedin' || linkedin))
      (patch as Record<string, unknown>)[key] = p[key];
  if (patch.stageOverride) patch.stageSetAt = p.stageSetAt ? at(p.stageSetAt) : null;
  // a whole job filled from the file keeps the source that gave it; beside one already there, it is the user's
  if (existing.org === null && existing.title === null && (patch.org !== undefined || patch.title !== undefined)) {
    patch.jobSource = p.jobSource ?? null;
    patch.jobAt = p.jobSource && p.jobAt ? at(p.jobAt) : null;
  }
  if (Object.keys(patch).length > 0) await updatePerson(db, ws, id, patch, ctx.now);
  return id;
}
