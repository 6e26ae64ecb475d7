import { storableLine, storableText } from '../domain/clean-text.js';
import { mayBeOneName, nameFromAddress, normalizeProfileUrl, phoneKey } from '../domain/identity.js';
import { isEmail, nameKey, normalizeEmail, type Person } from '../domain/person.js';
import { emptySummary } from '../domain/summary.js';
import { parseCalendarDate } from '../domain/time.js';
import {
  findMergedInto,
  findPeopleByName,
  findPerson,
  findPersonIdByEmail,
  findPersonIdByLinkedin,
  findPersonIdByMailbox,
  insertPerson,
  MERGED_ID,
  MERGED_NAME,
  type NewPerson,
  type PersonPatch,
  updatePerson,
} from '../store/person.repository.js';
import { forgetRemoved, noteRemoved, type RemovedKind } from '../store/removed-details.js';
import { saveSummary } from '../store/summary.repository.js';
import type { Context } from './context.js';
import { AppError, invalid } from './errors.js';

type Db = Context['store']['db'];

/** What a user gives to add or edit a person: the stored fields, emails optional, no uid or times. */
export type PersonInput = Omit<NewPerson, 'id' | 'uid' | 'emails' | 'createdAt' | 'updatedAt'> & {
  emails?: readonly string[];
};

/** Adds a person (with an empty relationship summary); their emails must not belong to anyone else. */
export async function addPerson(ctx: Context, input: PersonInput, uid?: string): Promise<Person> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const given = withProfile(cleanText(input));
    await checkProfile(ctx, trx, given.linkedin, undefined);
    const id = await createPerson(ctx, trx, given, uid);
    await pairOtherSpellings(ctx, trx, id);
    await pairPhoneSharers(ctx, trx, id);
    const person = await findPerson(trx, ctx.workspaceId, id);
    if (!person) throw new AppError('internal', 'the new person could not be read back');
    return person;
  });
}

export async function createPerson(
  ctx: Context,
  db: Db,
  input: PersonInput,
  uid?: string,
  times?: { createdAt: number; updatedAt: number; id?: number },
): Promise<number> {
  input = cleanText(input);
  const name = input.name;
  if (!name) throw invalid('a person needs a name');
  const emails = await checkEmails(ctx, db, input.emails ?? [], undefined);
  validateDetails(input);
  // an id comes only from `times` (a restored copy); one riding along in the input is dropped
  const { id: _id, ...details } = input as PersonInput & { id?: unknown };
  // stored as imports store it, so that a file's spelling of the same profile finds the person
  if (details.linkedin) details.linkedin = normalizeProfileUrl(details.linkedin) ?? details.linkedin;
  const id = await insertPerson(
    db,
    ctx.workspaceId,
    { ...details, ...times, name, emails, uid: uid ?? ctx.newUid() },
    ctx.now,
  );
  await saveSummary(db, ctx.workspaceId, id, emptySummary());
  return id;
}

export async function editPerson(ctx: Context, personId: number, patch: PersonInput | Partial<PersonInput>) {
  patch = cleanText(patch);
  return ctx.store.db.transaction().execute(async (trx) => {
    const clean: PersonPatch = { ...patch } as PersonPatch;
    if (patch.name !== undefined) {
      const name = patch.name;
      if (!name) throw invalid('a person needs a name');
      clean.name = name;
    }
    if (patch.emails !== undefined) clean.emails = await checkEmails(ctx, trx, patch.emails, personId);
    if (patch.linkedin) {
      clean.linkedin = withProfile(patch).linkedin ?? null;
      await checkProfile(ctx, trx, clean.linkedin, personId);
    }
    validateDetails(patch);
    // a stage set by hand holds from now: a day replayed before it shows the stage the history gave
    if (clean.stageOverride !== undefined) clean.stageSetAt = clean.stageOverride === null ? null : ctx.now;
    const before = await findPerson(trx, ctx.workspaceId, personId);
    if (!before) throw new AppError('person_not_found', `no person with id ${personId}`);
    await updatePerson(trx, ctx.workspaceId, personId, clean, ctx.now);
    if (clean.emails !== undefined) await pairOtherSpellings(ctx, trx, personId);
    if (clean.phones !== undefined || clean.name !== undefined) await pairPhoneSharers(ctx, trx, personId);
    // what the user takes off is remembered, so that an import does not put it back
    if (clean.emails !== undefined) await rememberChanges(trx, ctx, before, 'email', before.emails, clean.emails);
    if (clean.phones !== undefined)
      await rememberChanges(trx, ctx, before, 'phone', before.phones.map(phoneKey), clean.phones.map(phoneKey));
    const person = await findPerson(trx, ctx.workspaceId, personId);
    if (!person) throw new AppError('person_not_found', `no person with id ${personId}`);
    return person;
  });
}

/**
 * A profile the user gives, as imports store it (https://www.linkedin.com/in/name: no query, no
 * trailing slash, the mobile site's host named as the main one); one that is no web address is refused.
 */
function withProfile<T extends { linkedin?: string | null }>(input: T): T {
  if (!input.linkedin) return input;
  const linkedin = normalizeProfileUrl(input.linkedin);
  if (linkedin === undefined) throw invalid(`"${input.linkedin}" is not a web address (give the profile's URL)`);
  return { ...input, linkedin };
}

/** Details taken off a person are noted as removed; those given back are not any more. */
async function rememberChanges(
  db: Db,
  ctx: Context,
  person: Person,
  kind: RemovedKind,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  await noteRemoved(
    db,
    ctx.workspaceId,
    person,
    kind,
    before.filter((k) => !after.includes(k)),
  );
  await forgetRemoved(
    db,
    ctx.workspaceId,
    person.id,
    kind,
    after.filter((k) => !before.includes(k)),
  );
}

/**
 * The text a person is given, as imports store it: no control characters (a terminal's escape
 * sequences, a carriage return that overwrites a line), one line for all but the notes.
 */
function cleanText<T extends Partial<PersonInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  if (typeof input.name === 'string') out.name = storableLine(input.name) ?? '';
  for (const key of ['org', 'title', 'met'] as const) {
    const v = input[key];
    if (typeof v === 'string') out[key] = storableLine(v) ?? null;
  }
  if (typeof input.notes === 'string') out.notes = storableText(input.notes) ?? null;
  if (input.tags) out.tags = [...new Set(input.tags.flatMap((t) => storableLine(t) ?? []))];
  return out as T;
}

function validateDetails(input: Partial<PersonInput>): void {
  if (input.birthday && !parseCalendarDate(input.birthday))
    throw invalid(`"${input.birthday}" is not a date (use YYYY-MM-DD, or --MM-DD without a year)`);
  if (input.cadenceDays !== undefined && input.cadenceDays !== null) {
    if (!Number.isInteger(input.cadenceDays) || input.cadenceDays < 1 || input.cadenceDays > 3650)
      throw invalid(`a cadence is a whole number of days from 1 to 3650, not ${input.cadenceDays}`);
  }
}

async function checkEmails(ctx: Context, db: Db, emails: readonly string[], self: number | undefined) {
  const normalized: string[] = [];
  for (const raw of emails) {
    if (!isEmail(raw)) throw invalid(`"${raw}" is not an email address`);
    const email = normalizeEmail(raw);
    const owner = await findPersonIdByEmail(db, ctx.workspaceId, email);
    if (owner !== undefined && owner !== self) throw invalid(`${email} already belongs to person ${owner}`);
    if (!normalized.includes(email)) normalized.push(email);
  }
  return normalized;
}

/**
 * Puts before the user (`rapport duplicates`) the people holding another spelling of one of this
 * person's mailboxes (bob@ for bob+x@, Gmail's dots): maybe one person, maybe two reading one
 * shared mailbox, which only the user can tell.
 */
async function pairOtherSpellings(ctx: Context, db: Db, personId: number): Promise<void> {
  const mine = await db
    .selectFrom('person_emails')
    .select(['email', 'mailbox'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('person_id', '=', personId)
    .execute();
  for (const { email, mailbox } of mine) {
    const key = mailbox ?? email;
    const others = await db
      .selectFrom('person_emails')
      .select(['person_id', 'email'])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('person_id', '!=', personId)
      .where((eb) => eb.or([eb('mailbox', '=', key), eb('email', '=', key)]))
      .execute();
    for (const other of others)
      await keepPossibleDuplicate(
        ctx,
        db,
        personId,
        Number(other.person_id),
        `two spellings of one mailbox (${other.email} and ${email})`,
      );
  }
}

/**
 * Puts before the user the people holding one of this person's phones under a name that may be
 * theirs too ("Bob Brown" and "Robert Brown"), as an import does (see notePhoneSharers): maybe one
 * person, maybe two at one desk.
 */
async function pairPhoneSharers(ctx: Context, db: Db, personId: number): Promise<void> {
  const me = await findPerson(db, ctx.workspaceId, personId);
  if (!me || me.phones.length === 0) return;
  const keys = new Set(me.phones.map(phoneKey).filter(Boolean));
  const withPhones = await db
    .selectFrom('people')
    .select(['id', 'name', 'phones'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '!=', personId)
    .where('phones', '<>', '[]')
    .execute();
  for (const other of withPhones) {
    const shared = (JSON.parse(other.phones) as string[]).find((p) => keys.has(phoneKey(p)));
    if (shared === undefined || !mayBeOneName(me.name, other.name)) continue;
    await keepPossibleDuplicate(
      ctx,
      db,
      personId,
      Number(other.id),
      `"${me.name}" and "${other.name}" have the same phone (${shared})`,
    );
  }
}

/** Two people who may be one, kept for `rapport duplicates` (once: the first reason stays). */
async function keepPossibleDuplicate(ctx: Context, db: Db, a: number, b: number, reason: string): Promise<void> {
  await db
    .insertInto('possible_duplicates')
    .values({
      workspace_id: ctx.workspaceId,
      person_a: Math.min(a, b),
      person_b: Math.max(a, b),
      reason,
      created_at: ctx.now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Refuses a LinkedIn profile (normalised) someone else holds, as an email is: a profile is one person's. */
async function checkProfile(ctx: Context, db: Db, url: string | null | undefined, self: number | undefined) {
  if (!url) return;
  const owner = await findPersonIdByLinkedin(db, ctx.workspaceId, url);
  if (owner !== undefined && owner !== self) throw invalid(`${url} already belongs to person ${owner}`);
}

/**
 * Finds the person a command names: an id, an email (case-insensitive), or a name
 * (case-insensitive; a unique word-prefix match is accepted; an ambiguous one is an error
 * listing the candidates).
 */
export async function resolvePerson(ctx: Context, who: string, db: Db = ctx.store.db): Promise<Person> {
  const id = await resolvePersonId(ctx, who, db);
  if (id === undefined) {
    // an id or a name the user merged into someone else: said, with whom (a second `merge 1 2` included)
    const text = who.trim();
    const asId = /^\d+$/.test(text);
    const into = asId
      ? await findMergedInto(db, ctx.workspaceId, MERGED_ID, String(Number(text)))
      : text.includes('@')
        ? undefined
        : await findMergedInto(db, ctx.workspaceId, MERGED_NAME, nameKey(text));
    const kept = into === undefined ? undefined : await findPerson(db, ctx.workspaceId, into);
    if (kept)
      throw new AppError(
        'person_not_found',
        `${asId ? `person ${text}` : text} was merged into ${kept.name} (${kept.id})`,
        { mergedInto: kept.id },
      );
    throw new AppError('person_not_found', `no person matches "${who}"`);
  }
  const person = await findPerson(db, ctx.workspaceId, id);
  if (!person) throw new AppError('person_not_found', `no person matches "${who}"`);
  return person;
}

export async function resolvePersonId(ctx: Context, who: string, db: Db = ctx.store.db): Promise<number | undefined> {
  const text = who.trim();
  if (!text) throw invalid('a person is named by an id, an email or a name; got nothing');
  if (/^\d+$/.test(text)) {
    const person = await findPerson(db, ctx.workspaceId, Number(text));
    if (person) return person.id;
  }
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    // as written, else another spelling of the mailbox (rob.brown@gmail.com for robbrown@googlemail.com)
    return (
      (await findPersonIdByEmail(db, ctx.workspaceId, email)) ??
      (await findPersonIdByMailbox(db, ctx.workspaceId, email))
    );
  }
  const { people } = await findPeopleByName(db, ctx.workspaceId, text, 11);
  if (people.length === 1) return people[0]?.id;
  if (people.length > 1) {
    const shown = people.slice(0, 10).map((p) => `${p.name} (${p.id})`);
    const more = people.length > 10 ? ', …' : '';
    throw new AppError('ambiguous_person', `"${who}" matches several people: ${shown.join(', ')}${more}`, {
      candidates: people.slice(0, 10),
    });
  }
  return undefined;
}

/** Like resolvePerson, but an unknown email creates the person (for logging mail and meetings). */
export async function resolveOrCreate(ctx: Context, db: Db, who: string): Promise<{ id: number; created: boolean }> {
  const id = await resolvePersonId(ctx, who, db);
  if (id !== undefined) return { id, created: false };
  // not an address: resolvePerson says why no one matches (merged into someone, or unknown)
  if (!isEmail(who)) return { id: (await resolvePerson(ctx, who, db)).id, created: false };
  const email = normalizeEmail(who);
  return { id: await createPerson(ctx, db, { name: nameFromAddress(email), emails: [email] }), created: true };
}
