import { identityConflicts, unionPhones } from '../domain/identity.js';
import { participantRole } from '../domain/participation.js';
import { isOwnAddress, nameKey, type Person } from '../domain/person.js';
import { STRUCTURAL_KEEP } from '../domain/scoring-config.js';
import { DIRECTIONS, isOneOf } from '../domain/vocabulary.js';
import { INVITATION_KEY } from '../importers/linkedin-invitations.js';
import { code, isBulkRow, NOT_IN_PARENT, settleAnswers } from '../store/interaction.repository.js';
import {
  findPeopleByIds,
  findPerson,
  MERGED_ID,
  MERGED_NAME,
  MERGED_PROFILE,
  MERGED_UID,
  setEmails,
  updatePerson,
} from '../store/person.repository.js';
import type { Context } from './context.js';
import { AppError, invalid } from './errors.js';
import { relinkSubjectAnswers } from './import/relink.js';
import { LOGGED_SOURCE } from './interactions.js';
import { rebuildSummaries } from './summaries.js';

type Db = Context['store']['db'];

export interface DuplicateGroup {
  readonly name: string;
  /** the first MAX_LISTED of them, by id */
  readonly people: readonly (Person & { interactions: number })[];
  /** how many people the group holds, listed or not */
  readonly total: number;
  /** why they were not merged automatically: contradicting details, or nothing to tell them apart */
  readonly reasons: readonly string[];
}

/**
 * People who may be one person: the same name (compared without case, accents or punctuation),
 * or a pair an import found (a record with the email of one and the name of the other), unless
 * the user said they are different. Imports never merge these; the user decides with `merge` or
 * `distinct`.
 */
export async function findDuplicates(ctx: Context, limit = 200): Promise<DuplicateGroup[]> {
  return (await listDuplicates(ctx, limit)).groups;
}

/**
 * findDuplicates, and whether there is more than it lists: `limit` applies to each way of finding
 * them (names, profiles, pairs an import found), so `more` says one of them had more to give.
 */
export async function listDuplicates(ctx: Context, limit = 200): Promise<{ groups: DuplicateGroup[]; more: boolean }> {
  const db = ctx.store.db;
  let more = false;
  const upTo = <T>(rows: T[]): T[] => {
    if (rows.length > limit) more = true;
    return rows.slice(0, limit);
  };
  const keys = upTo(
    await db
      .selectFrom('people')
      .select(['name_key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', ctx.workspaceId)
      .where('name_key', '!=', '')
      .groupBy('name_key')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .orderBy('name_key')
      .limit(limit + 1)
      .execute(),
  );
  const groups: DuplicateGroup[] = [];
  for (const { name_key, n } of keys) {
    // a name thousands share (a file of "John Smith"s): its first people, and how many there are
    const { people, distinct, open } = await openGroup(ctx, 'name_key', name_key);
    if (open.length < 2) continue;
    const counts = await interactionCounts(
      db,
      ctx.workspaceId,
      open.map((p) => p.id),
    );
    // what an import found that ties them (a record giving the addresses of both) comes first
    const reasons = new Set<string>(
      await pairReasons(
        db,
        ctx.workspaceId,
        open.map((p) => p.id),
      ),
    );
    let more = false;
    everyPair: for (const [i, a] of open.entries())
      for (const b of open.slice(i + 1)) {
        if (distinct.has(pairKey(a.id, b.id))) continue;
        for (const r of identityConflicts(facts(a), facts(b))) {
          if (reasons.size >= MAX_REASONS && !reasons.has(r)) {
            more = true;
            break everyPair;
          }
          reasons.add(r);
        }
      }
    const total = Number(n) - (people.length - open.length);
    groups.push({
      name: open[0]?.name ?? '',
      people: open.map((p) => ({ ...p, interactions: counts.get(p.id) ?? 0 })),
      total,
      reasons: [
        ...(reasons.size > 0 ? reasons : ['same name, nothing else to tell them apart']),
        ...(more ? ['and other differences'] : []),
      ],
    });
  }
  if (await addSharedProfiles(ctx, groups, limit)) more = true;
  // people of different names an import found may be one (a record with the email of one and
  // the name of the other)
  const pairs = upTo(
    await db
      .selectFrom('possible_duplicates')
      .select(['person_a', 'person_b', 'reason'])
      .where('workspace_id', '=', ctx.workspaceId)
      .orderBy('person_a')
      .orderBy('person_b')
      .limit(limit + 1)
      .execute(),
  );
  for (const pair of pairs) {
    const ids = [Number(pair.person_a), Number(pair.person_b)];
    const people = await findPeopleByIds(db, ctx.workspaceId, ids);
    const [a, b] = people;
    if (!a || !b || (await distinctPairs(db, ctx.workspaceId, ids)).size > 0) continue;
    if (nameKey(a.name) === nameKey(b.name)) continue; // listed above, with their namesakes
    const counts = await interactionCounts(db, ctx.workspaceId, ids);
    groups.push({
      name: `${a.name} / ${b.name}`,
      people: people.map((p) => ({ ...p, interactions: counts.get(p.id) ?? 0 })),
      total: 2,
      reasons: [pair.reason],
    });
  }
  return { groups, more };
}

/**
 * People holding one LinkedIn profile (stored by an earlier release, which let a command give a
 * profile another person held): the profile says first why a group of one name may be one
 * person, and people of other names are a group of their own.
 */
async function addSharedProfiles(ctx: Context, groups: DuplicateGroup[], limit: number): Promise<boolean> {
  const db = ctx.store.db;
  const shared = await db
    .selectFrom('people')
    .select('linkedin')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('linkedin', 'is not', null)
    .groupBy('linkedin')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('linkedin')
    .limit(limit + 1)
    .execute();
  for (const { linkedin } of shared.slice(0, limit)) {
    const { open } = await openGroup(ctx, 'linkedin', linkedin as string);
    if (open.length < 2) continue;
    const reason = `the same LinkedIn profile (${linkedin})`;
    // a group of one name two of whom hold it: the profile says first why they may be one
    for (const [i, group] of groups.entries()) {
      if (group.people.filter((p) => open.some((o) => o.id === p.id)).length < 2 || group.reasons.includes(reason))
        continue;
      const rest = group.reasons.filter((r) => r !== 'same name, nothing else to tell them apart');
      groups[i] = { ...group, reasons: [reason, ...rest] };
    }
    if (open.every((p) => nameKey(p.name) === nameKey(open[0]?.name ?? ''))) continue;
    const counts = await interactionCounts(
      db,
      ctx.workspaceId,
      open.map((p) => p.id),
    );
    groups.push({
      name: open.map((p) => p.name).join(' / '),
      people: open.map((p) => ({ ...p, interactions: counts.get(p.id) ?? 0 })),
      total: open.length,
      reasons: [reason],
    });
  }
  return shared.length > limit;
}

/**
 * The first people (MAX_LISTED) sharing a name key or a profile, the pairs of them marked
 * distinct, and those still with a possible twin among them.
 */
async function openGroup(ctx: Context, column: 'name_key' | 'linkedin', value: string) {
  const db = ctx.store.db;
  const ids = await db
    .selectFrom('people')
    .select('id')
    .where('workspace_id', '=', ctx.workspaceId)
    .where(column, '=', value)
    .orderBy('id')
    .limit(MAX_LISTED)
    .execute();
  const people = await findPeopleByIds(
    db,
    ctx.workspaceId,
    ids.map((r) => Number(r.id)),
  );
  const distinct = await distinctPairs(
    db,
    ctx.workspaceId,
    people.map((p) => p.id),
  );
  // keep only people who still have a possible twin in the group
  const open = people.filter((a) => people.some((b) => a.id !== b.id && !distinct.has(pairKey(a.id, b.id))));
  return { people, distinct, open };
}

/** The people of a group listed (a name thousands share lists its first, and says how many there are). */
const MAX_LISTED = 50;
/** The differences said of a group at most (each pair may differ in its own way). */
const MAX_REASONS = 6;

/** The reasons kept for pairs of these people (possible_duplicates). */
async function pairReasons(db: Db, workspaceId: number, ids: readonly number[]): Promise<string[]> {
  const rows = await db
    .selectFrom('possible_duplicates')
    .select('reason')
    .where('workspace_id', '=', workspaceId)
    .where('person_a', 'in', ids)
    .where('person_b', 'in', ids)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.reason);
}

function facts(p: Person) {
  return { emails: p.emails, profileUrl: p.linkedin, phones: p.phones, org: p.org, birthday: p.birthday };
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

async function distinctPairs(db: Db, workspaceId: number, ids: readonly number[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('distinct_people')
    .select(['person_a', 'person_b'])
    .where('workspace_id', '=', workspaceId)
    .where('person_a', 'in', ids)
    .where('person_b', 'in', ids)
    .execute();
  return new Set(rows.map((r) => pairKey(Number(r.person_a), Number(r.person_b))));
}

async function interactionCounts(db: Db, workspaceId: number, ids: readonly number[]) {
  const rows = await db
    .selectFrom('participations')
    .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', ids)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.person_id), Number(r.n)]));
}

/** Records that two people are different, so `duplicates` stops showing them together. */
export async function markDistinct(ctx: Context, a: number, b: number): Promise<void> {
  if (a === b) throw invalid('a person cannot be distinct from themselves');
  await ctx.store.db
    .insertInto('distinct_people')
    .values({ workspace_id: ctx.workspaceId, person_a: Math.min(a, b), person_b: Math.max(a, b), created_at: ctx.now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface MergeResult {
  readonly kept: Person;
  readonly mergedId: number;
  readonly moved: { interactions: number; exchanges: number; needs: number; nextSteps: number; milestones: number };
  /** of the interactions moved, those the kept person was in too (counted once since) */
  readonly shared: number;
  /**
   * imported records both people held, kept once: a LinkedIn invitation or endorsement a newer
   * export gave again under the other profile URL
   */
  readonly doubled: { interactions: number; exchanges: number };
  /** details of the merged person that differed from the kept one's: not taken, written into the kept one's notes */
  readonly differed: readonly { field: string; kept: string; merged: string }[];
}

/** The single-valued details a merge may find twice, as the notes name them. */
const SINGLE_DETAILS = [
  ['org', 'organisation'],
  ['title', 'title'],
  ['linkedin', 'LinkedIn'],
  ['birthday', 'birthday'],
  ['met', 'met'],
  ['tier', 'tier'],
  ['goal', 'goal'],
  ['cadenceDays', 'cadence (days)'],
  ['stageOverride', 'stage'],
] as const;

/** The details both people hold with different values: the kept person's stay, the other's are said. */
export function differingDetails(keep: Person, drop: Person): { field: string; kept: string; merged: string }[] {
  const out: { field: string; kept: string; merged: string }[] = [];
  for (const [key, field] of SINGLE_DETAILS) {
    const a = keep[key];
    const b = drop[key];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (String(a).trim().toLowerCase() !== String(b).trim().toLowerCase())
      out.push({ field, kept: String(a), merged: String(b) });
  }
  return out;
}

/**
 * Merges `dropId` into `keepId` in one transaction: emails, history, ledger, needs, offers, next
 * steps and milestones move over; details the kept person lacks are filled in, theirs are never
 * overwritten; a meeting both attended counts once (one fewer in its audience for everyone in it).
 * What each participation says of its message and of the one it answers is set again as if they
 * had been one person when it was stored (see deriveMergedParticipations). Both relationships,
 * everyone who shared an interaction with them, and everyone whose first answers changed, are
 * folded again.
 */
export async function mergePeople(ctx: Context, keepId: number, dropId: number): Promise<MergeResult> {
  if (keepId === dropId) throw invalid('cannot merge a person into themselves');
  const result = await mergeTogether(ctx, keepId, dropId);
  // answers found by their subject alone, now that both sides of an exchange are one person
  await relinkSubjectAnswers(ctx, keepId);
  return result;
}

async function mergeTogether(ctx: Context, keepId: number, dropId: number): Promise<MergeResult> {
  return ctx.store.db.transaction().execute(async (db) => {
    const ws = ctx.workspaceId;
    const keep = await findPerson(db, ws, keepId);
    const drop = await findPerson(db, ws, dropId);
    if (!keep) throw new AppError('person_not_found', `no person with id ${keepId}`);
    if (!drop) throw new AppError('person_not_found', `no person with id ${dropId}`);

    const interactionIds = (
      await db.selectFrom('participations').select('interaction_id').where('person_id', '=', dropId).execute()
    ).map((r) => Number(r.interaction_id));
    // a meeting both attended: keep one participation
    const shared = interactionIds.length
      ? (
          await db
            .selectFrom('participations')
            .select('interaction_id')
            .where('person_id', '=', keepId)
            .where('interaction_id', 'in', interactionIds)
            .execute()
        ).map((r) => Number(r.interaction_id))
      : [];
    if (shared.length > 0)
      await db
        .deleteFrom('participations')
        .where('person_id', '=', dropId)
        .where('interaction_id', 'in', shared)
        .execute();
    await db.updateTable('participations').set({ person_id: keepId }).where('person_id', '=', dropId).execute();
    await db
      .updateTable('interactions')
      .set({ from_person_id: keepId })
      .where('workspace_id', '=', ws)
      .where('from_person_id', '=', dropId)
      .execute();
    const coParticipants = await rewriteCommonIds(db, interactionIds, dropId, keepId);
    const answering = await deriveMergedParticipations(db, keepId, interactionIds, shared);

    const move = async (table: 'exchanges' | 'needs' | 'offers' | 'next_steps' | 'milestones') =>
      Number(
        (
          await db
            .updateTable(table as 'needs')
            .set({ person_id: keepId })
            .where('workspace_id', '=', ws)
            .where('person_id', '=', dropId)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
    const moved = {
      interactions: interactionIds.length,
      exchanges: await move('exchanges'),
      needs: await move('needs'),
      nextSteps: await move('next_steps'),
      milestones: await move('milestones'),
    };
    await move('offers');
    await db
      .updateTable('exchanges')
      .set({ introduced_person_id: keepId })
      .where('workspace_id', '=', ws)
      .where('introduced_person_id', '=', dropId)
      .execute();

    // contact records that became the merged person become the kept one, so a re-import finds them
    await db.updateTable('person_keys').set({ person_id: keepId }).where('person_id', '=', dropId).execute();
    // and what the merged person was known by still finds them in a newer file: their profile, their name
    const aliases: [string, string][] = [
      [MERGED_UID, drop.uid],
      [MERGED_ID, String(dropId)],
    ];
    if (drop.linkedin && keep.linkedin && drop.linkedin !== keep.linkedin)
      aliases.push([MERGED_PROFILE, drop.linkedin]);
    const made = new Map(
      (
        await db
          .selectFrom('people')
          .select(['id', 'name_made', 'name_source'])
          .where('workspace_id', '=', ws)
          .where('id', 'in', [keepId, dropId])
          .execute()
      ).map((r) => [Number(r.id), r]),
    );
    const dropNameMade = made.get(dropId);
    // a name made from an address ("Jsmith") gives way to the name the other was known by
    const keepNameMade = made.get(keepId)?.name_made === 1;
    const nameFromDrop = keepNameMade && dropNameMade?.name_made !== 1;
    // a name made from an address or a profile is no name the person is known by
    if (dropNameMade?.name_made !== 1 && nameKey(drop.name) && nameKey(drop.name) !== nameKey(keep.name))
      aliases.push([MERGED_NAME, nameKey(drop.name)]);
    for (const [source, key] of aliases)
      await db
        .insertInto('person_keys')
        .values({ workspace_id: ws, source, record_key: key, person_id: keepId })
        .onConflict((oc) => oc.columns(['workspace_id', 'source', 'record_key']).doUpdateSet({ person_id: keepId }))
        .execute();
    const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
    await db.deleteFrom('person_emails').where('person_id', '=', dropId).execute();
    await setEmails(db, ws, keepId, union(keep.emails, drop.emails));
    // the job stays with whoever gave it: an import's stays an import's (see migration 0010)
    const jobSources = new Map(
      (
        await db
          .selectFrom('people')
          .select(['id', 'job_source'])
          .where('workspace_id', '=', ws)
          .where('id', 'in', [keepId, dropId])
          .execute()
      ).map((r) => [Number(r.id), r.job_source]),
    );
    const jobFrom = keep.org || keep.title ? keepId : dropId;
    // nothing of the other person is lost: what could not be kept beside the kept person's own goes into the notes
    const differed = differingDetails(keep, drop);
    await updatePerson(
      db,
      ws,
      keepId,
      {
        ...(nameFromDrop ? { name: drop.name, nameSource: dropNameMade?.name_source ?? null } : {}),
        org: keep.org ?? drop.org,
        title: keep.title ?? drop.title,
        jobSource: jobSources.get(jobFrom) ?? null,
        linkedin: keep.linkedin ?? drop.linkedin,
        phones: unionPhones(keep.phones, drop.phones),
        tags: union(keep.tags, drop.tags),
        met: keep.met ?? drop.met,
        birthday: keep.birthday ?? drop.birthday,
        notes: mergedNotes(keep.notes, drop.notes, drop, differed),
        tier: keep.tier ?? drop.tier,
        goal: keep.goal ?? drop.goal,
        cadenceDays: keep.cadenceDays ?? drop.cadenceDays,
        stageOverride: keep.stageOverride ?? drop.stageOverride,
        stageSetAt: keep.stageOverride ? (keep.stageSetAt ?? null) : (drop.stageSetAt ?? null),
        wishlist: keep.wishlist && drop.wishlist,
      },
      ctx.now,
    );
    // known since the earlier of the two (a past day replayed shows them from then: see knownAt)
    if (drop.createdAt < keep.createdAt)
      await db.updateTable('people').set({ created_at: drop.createdAt }).where('id', '=', keepId).execute();
    // whom the user said the merged person is not, the kept one is not either
    const apart = await db
      .selectFrom('distinct_people')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where((eb) => eb.or([eb('person_a', '=', dropId), eb('person_b', '=', dropId)]))
      .execute();
    for (const d of apart) {
      const other = Number(d.person_a) === dropId ? Number(d.person_b) : Number(d.person_a);
      if (other === keepId) continue;
      await db
        .insertInto('distinct_people')
        .values({
          workspace_id: ws,
          person_a: Math.min(keepId, other),
          person_b: Math.max(keepId, other),
          created_at: Number(d.created_at),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await db.deleteFrom('summaries').where('person_id', '=', dropId).execute();
    await db.deleteFrom('people').where('workspace_id', '=', ws).where('id', '=', dropId).execute();
    const doubled = await dropImportedCopies(db, ws, keepId);
    await rebuildSummaries(ctx, db, [keepId, ...coParticipants, ...answering]);
    const kept = await findPerson(db, ws, keepId);
    if (!kept) throw new AppError('internal', 'the merged person could not be read back');
    return { kept, mergedId: dropId, moved, shared: shared.length, doubled, differed };
  });
}

/**
 * The imported records a merged person now holds twice, kept once (the first stored): ledger
 * entries of one source with the same time, direction, category and note, and LinkedIn
 * invitations of the same time, direction and note. Their ids name the person as each file spelt
 * them (a profile URL), so an export made after the person changed it gave them again, to the
 * person the merge took in; an import finds the copy kept by its content (see ImportSession).
 */
async function dropImportedCopies(
  db: Db,
  ws: number,
  personId: number,
): Promise<{ interactions: number; exchanges: number }> {
  const seen = new Set<string>();
  const copies = (rows: { id: number; key: string }[]) =>
    rows
      .sort((a, b) => a.id - b.id)
      .filter((r) => seen.has(r.key) || !seen.add(r.key))
      .map((r) => r.id);
  const exchanges = copies(
    (
      await db
        .selectFrom('exchanges')
        .select(['id', 'uid', 'at', 'direction', 'category', 'note'])
        .where('workspace_id', '=', ws)
        .where('person_id', '=', personId)
        .execute()
    )
      // imported: the uid starts with its source (one the user wrote is a UUID)
      .filter((x) => x.uid.includes(':'))
      .map((x) => ({
        id: Number(x.id),
        key: JSON.stringify(['x', x.uid.slice(0, x.uid.indexOf(':')), Number(x.at), x.direction, x.category, x.note]),
      })),
  );
  const invitations = copies(
    (
      await db
        .selectFrom('participations as p')
        .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
        .select(['i.id', 'i.at', 'i.direction', 'i.note'])
        .where('p.workspace_id', '=', ws)
        .where('p.person_id', '=', personId)
        .where('i.source', '=', 'linkedin')
        .where('i.external_id', 'like', `${INVITATION_KEY}%`)
        .execute()
    ).map((i) => ({ id: Number(i.id), key: JSON.stringify(['i', Number(i.at), i.direction, i.note]) })),
  );
  if (exchanges.length > 0) await db.deleteFrom('exchanges').where('id', 'in', exchanges).execute();
  // their participations go with them (foreign keys)
  if (invitations.length > 0)
    await db.deleteFrom('interactions').where('workspace_id', '=', ws).where('id', 'in', invitations).execute();
  return { interactions: invitations.length, exchanges: exchanges.length };
}

/** The kept person's notes, then the other's, then what of the other's details differed. */
function mergedNotes(
  kept: string | null,
  merged: string | null,
  other: Person,
  differed: readonly { field: string; merged: string }[],
): string | null {
  const lines = [kept, merged].filter((n): n is string => Boolean(n));
  if (differed.length > 0)
    lines.push(
      `Merged from ${other.name} (#${other.id}), who had ${differed.map((d) => `${d.field} ${d.merged}`).join('; ')}`,
    );
  return lines.length > 0 ? lines.join('\n') : null;
}

/** A person an import had made of an address that turned out to be the user's, taken out. */
export interface UserTakenOut {
  readonly id: number;
  readonly name: string;
  /** the user's address (or LinkedIn profile) they were made of */
  readonly address: string;
  /** interactions they were in, now without them */
  readonly interactions: number;
  /** messages they sent (the user's own, read as someone else's), removed: importing them again stores them as the user's */
  readonly removed: number;
}

/**
 * Takes out the people made of the user's own addresses before the user named them (a Cc to
 * their private address, read while only the work one was known): people with no other address,
 * profile or phone, and nothing the user wrote about them. Their messages to others (the user's
 * own, read as incoming) are removed; in the others they just leave the participants. Everyone
 * who shared an interaction with them is folded again. The rest are left as they are.
 */
export async function takeOutUser(
  ctx: Context,
  db: Db,
  own: { readonly addresses: readonly string[]; readonly profile?: string | undefined },
): Promise<{ takenOut: UserTakenOut[]; held: { id: number; name: string; address: string }[] }> {
  const { addresses, profile } = own;
  const ws = ctx.workspaceId;
  const mine = new Set(addresses);
  const holders: { id: number | bigint; address: string | null }[] =
    addresses.length === 0
      ? []
      : (
          await db
            .selectFrom('person_emails as e')
            .innerJoin('people as p', 'p.id', 'e.person_id')
            .select(['p.id', 'e.email as address'])
            .where('p.workspace_id', '=', ws)
            // the addresses, and the other spellings of their mailboxes (a +tag, Gmail's dots):
            // LIKE's wildcards in a name (an _) only widen what the filter below looks at
            .where((eb) =>
              eb.or(
                addresses.flatMap((a) => {
                  const at = a.lastIndexOf('@');
                  const local = a.slice(0, at).replace(/\+.*$/, '');
                  const domain = a.slice(at + 1);
                  const like = (pattern: string) => eb('e.email', 'like', pattern);
                  return [
                    eb('e.email', '=', a),
                    like(`${local}+%@${domain}`),
                    eb('e.email', '=', `${local}@${domain}`),
                    ...(/^(?:g|google)mail\.com$/.test(domain) ? [like('%@gmail.com'), like('%@googlemail.com')] : []),
                  ];
                }),
              ),
            )
            .execute()
        ).filter((h) => isOwnAddress(mine, h.address ?? ''));
  if (profile !== undefined)
    holders.push(
      ...(await db
        .selectFrom('people')
        .select(['id', 'linkedin as address'])
        .where('workspace_id', '=', ws)
        .where('linkedin', '=', profile)
        .execute()),
    );
  const out: UserTakenOut[] = [];
  const held: { id: number; name: string; address: string }[] = [];
  for (const { id: rawId, address } of holders) {
    const id = Number(rawId);
    const person = await findPerson(db, ws, id);
    if (!person || out.some((t) => t.id === id) || held.some((h) => h.id === id)) continue;
    const elsewhere = person.emails.some((e) => !isOwnAddress(mine, e));
    if (
      elsewhere ||
      (person.linkedin && person.linkedin !== profile) ||
      person.phones.length > 0 ||
      person.tags.length > 0 ||
      person.wishlist ||
      person.notes ||
      person.tier ||
      person.goal ||
      (await ownsRecords(db, ws, id)) ||
      (await userKnowsThem(db, ws, id))
    ) {
      // more than the user's address: perhaps a card of the user's with a second address, perhaps
      // a shared mailbox; left for the user to look at
      held.push({ id, name: person.name, address: address ?? '' });
      continue;
    }
    const sent = (
      await db
        .selectFrom('interactions')
        .select('id')
        .where('workspace_id', '=', ws)
        .where('from_person_id', '=', id)
        .execute()
    ).map((r) => Number(r.id));
    const interactionIds = (
      await db.selectFrom('participations').select('interaction_id').where('person_id', '=', id).execute()
    ).map((r) => Number(r.interaction_id));
    await db.deleteFrom('participations').where('person_id', '=', id).execute();
    const others = new Set(await rewriteCommonIds(db, interactionIds, id, undefined));
    // the user was counted among those the rest of these interactions reached
    const sentSet = new Set(sent);
    await oneFewerInAudience(
      db,
      interactionIds.filter((i) => !sentSet.has(i)),
    );
    // the user's own messages, and interactions left with nobody in them
    const sentBy = new Set(sent);
    const empty = interactionIds.filter((i) => !sentBy.has(i));
    for (let i = 0; i < empty.length; i += 500) {
      const chunk = empty.slice(i, i + 500);
      const left = new Set(
        (
          await db.selectFrom('participations').select('interaction_id').where('interaction_id', 'in', chunk).execute()
        ).map((r) => Number(r.interaction_id)),
      );
      sent.push(...chunk.filter((x) => !left.has(x)));
    }
    for (let i = 0; i < sent.length; i += 500)
      await db
        .deleteFrom('interactions')
        .where('workspace_id', '=', ws)
        .where('id', 'in', sent.slice(i, i + 500))
        .execute();
    await db.deleteFrom('summaries').where('person_id', '=', id).execute();
    await db.deleteFrom('people').where('workspace_id', '=', ws).where('id', '=', id).execute();
    await rebuildSummaries(ctx, db, [...others]);
    out.push({
      id,
      name: person.name,
      address: address ?? '',
      interactions: interactionIds.length,
      removed: sent.length,
    });
  }
  return { takenOut: out, held };
}

/**
 * Whether the user told Rapport of a person themselves, as someone else than the user: added them
 * (a name no import gave), set their job, tier, goal, cadence, stage, how they met or their
 * birthday, or logged an interaction with them. Such a person is never taken for the user.
 */
export async function userKnowsThem(db: Db, ws: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select(['name_source', 'name_made', 'org', 'title', 'job_source', 'tier', 'goal', 'cadence_days'])
    .select(['stage_override', 'met', 'birthday'])
    .where('workspace_id', '=', ws)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.name_source === null && !row.name_made) return true;
  if ((row.org || row.title) && row.job_source === null) return true;
  if (row.tier || row.goal || row.cadence_days !== null || row.stage_override || row.met || row.birthday) return true;
  const logged = await db
    .selectFrom('participations as x')
    .innerJoin('interactions as i', 'i.id', 'x.interaction_id')
    .select('i.id')
    .where('x.workspace_id', '=', ws)
    .where('x.person_id', '=', personId)
    .where('i.source', '=', LOGGED_SOURCE)
    .executeTakeFirst();
  return logged !== undefined;
}

/** Whether the user recorded anything about a person: exchanges, needs, offers, next steps, milestones. */
export async function ownsRecords(db: Db, ws: number, personId: number): Promise<boolean> {
  for (const table of ['exchanges', 'needs', 'offers', 'next_steps', 'milestones'] as const) {
    const row = await db
      .selectFrom(table as 'needs')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/**
 * Replaces one id by another (or, with `to` undefined, takes it out) in the people-in-common
 * lists of these interactions; returns who was in them.
 */
export async function rewriteCommonIds(
  db: Db,
  interactionIds: readonly number[],
  from: number,
  to: number | undefined,
) {
  const people = new Set<number>();
  for (let i = 0; i < interactionIds.length; i += 500) {
    const rows = await db
      .selectFrom('participations')
      .select(['person_id', 'interaction_id', 'co_ids'])
      .where('interaction_id', 'in', interactionIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const personId = Number(r.person_id);
      people.add(personId);
      if (!r.co_ids) continue;
      const ids = (JSON.parse(r.co_ids) as number[]).map((x) => (x === from ? to : x));
      const next = [...new Set(ids)].filter((x): x is number => x !== undefined && x !== personId);
      await db
        .updateTable('participations')
        .set({ co_ids: next.length > 0 ? JSON.stringify(next) : null })
        .where('interaction_id', '=', Number(r.interaction_id))
        .where('person_id', '=', personId)
        .execute();
    }
  }
  if (to !== undefined) people.delete(to);
  return [...people];
}

/**
 * One person fewer in each of these interactions (two merged into one, or the user's own address
 * taken out): their audience is one fewer for everyone in them. It is decremented, not recounted:
 * bulk mail's audience counts recipients who are not people. The people in common follow it.
 */
async function oneFewerInAudience(db: Db, interactionIds: readonly number[]): Promise<void> {
  for (const chunk of slices(interactionIds)) {
    await db
      .updateTable('participations')
      .set((eb) => ({ audience: eb('audience', '-', 1) }))
      .where('interaction_id', 'in', chunk)
      .execute();
    const rows = await db
      .selectFrom('participations')
      .select(['interaction_id', 'person_id', 'channel', 'audience', 'co_ids'])
      .where('interaction_id', 'in', chunk)
      .orderBy('interaction_id')
      .orderBy('person_id')
      .execute();
    const people = new Map<number, number[]>();
    for (const r of rows) {
      const list = people.get(Number(r.interaction_id));
      if (list) list.push(Number(r.person_id));
      else people.set(Number(r.interaction_id), [Number(r.person_id)]);
    }
    for (const r of rows) {
      const personId = Number(r.person_id);
      const interactionId = Number(r.interaction_id);
      // as participationRows: nobody in common in bulk mail or beside a single other person;
      // otherwise the list kept (rewritten by rewriteCommonIds), or everyone else when it was bulk
      let next: string | null = null;
      if (!isBulkRow(r.channel, r.audience) && r.audience >= 2) {
        if (r.co_ids) next = r.co_ids;
        else {
          const others = (people.get(interactionId) ?? []).filter((p) => p !== personId).slice(0, STRUCTURAL_KEEP);
          next = others.length > 0 ? JSON.stringify(others) : null;
        }
      }
      if (next !== r.co_ids)
        await db
          .updateTable('participations')
          .set({ co_ids: next })
          .where('interaction_id', '=', interactionId)
          .where('person_id', '=', personId)
          .execute();
    }
  }
}

/** Ids in slices small enough for an SQL `in` list. */
function* slices(ids: readonly number[]): Generator<number[]> {
  for (let i = 0; i < ids.length; i += 500) yield ids.slice(i, i + 500);
}

/**
 * After a merge has moved the other person's participations to the kept one (`interactionIds`:
 * the interactions the other was in; `shared`: those both were in, where the other's row was
 * dropped), sets again what those rows derive from the people in an interaction, as an import
 * with the two already one person would have stored it:
 * - the audience of an interaction both were in is one fewer, for everyone in it. It is
 *   decremented, not recounted: bulk mail's audience counts recipients who are not people;
 * - the people in common of those interactions follow their audience (none for bulk mail or a
 *   single other person);
 * - the kept person's role where the message came from the other (now theirs);
 * - what the kept person's messages answer, seen from their side (parent_at, parent_role): where
 *   the message or the one it answers was the other's;
 * - first answers (see answersAwaitedMessage): of the messages concerned, of the ones they answer
 *   and of their answers, settled again: of two answers to one message, one from each address,
 *   only the earlier stays the first.
 * Returns the people whose first answers changed (their relationships need folding again).
 */
async function deriveMergedParticipations(
  db: Db,
  keepId: number,
  interactionIds: readonly number[],
  shared: readonly number[],
): Promise<number[]> {
  await oneFewerInAudience(db, shared);

  // the kept person's role: a message the other sent, where the kept one was among its readers, is now theirs
  for (const chunk of slices(interactionIds)) {
    const rows = await db
      .selectFrom('participations as p')
      .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
      .select(['p.interaction_id', 'p.role', 'i.direction', 'i.from_person_id'])
      .where('p.person_id', '=', keepId)
      .where('p.interaction_id', 'in', chunk)
      .execute();
    for (const r of rows) {
      const direction = isOneOf(DIRECTIONS, r.direction) ? r.direction : 'mutual';
      const from = r.from_person_id === null ? null : Number(r.from_person_id);
      const role = code.role(participantRole(direction, from, keepId));
      if (role !== r.role)
        await db
          .updateTable('participations')
          .set({ role })
          .where('interaction_id', '=', Number(r.interaction_id))
          .where('person_id', '=', keepId)
          .execute();
    }
  }

  // what the kept person's messages answer, from their side: the messages the other was in, and
  // the answers to them (after the roles above, which these read)
  const answers = new Set<number>();
  const answered = new Set<number>();
  for (const chunk of slices(interactionIds)) {
    const rows = await db
      .selectFrom('interactions as i')
      .select(['i.id', 'i.reply_to_id'])
      .where('i.reply_to_id', 'is not', null)
      .where((eb) => eb.or([eb('i.id', 'in', chunk), eb('i.reply_to_id', 'in', chunk)]))
      .execute();
    for (const r of rows) {
      answers.add(Number(r.id));
      answered.add(Number(r.reply_to_id));
    }
  }
  for (const chunk of slices([...answers])) {
    const rows = await db
      .selectFrom('participations as p')
      .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
      .leftJoin('participations as pp', (j) =>
        j.onRef('pp.interaction_id', '=', 'i.reply_to_id').on('pp.person_id', '=', keepId),
      )
      .select([
        'p.interaction_id',
        'p.at',
        'p.parent_at',
        'p.parent_role',
        'pp.at as answered_at',
        'pp.role as answered_role',
      ])
      .where('p.person_id', '=', keepId)
      .where('p.interaction_id', 'in', chunk)
      .execute();
    for (const r of rows) {
      // not in the message it answers (see NOT_IN_PARENT)
      const at = r.answered_at === null ? Number(r.at) : Number(r.answered_at);
      const role = r.answered_role ?? NOT_IN_PARENT;
      if ((r.parent_at === null ? null : Number(r.parent_at)) === at && r.parent_role === role) continue;
      await db
        .updateTable('participations')
        .set({ parent_at: at, parent_role: role })
        .where('interaction_id', '=', Number(r.interaction_id))
        .where('person_id', '=', keepId)
        .execute();
    }
  }

  // first answers: to the messages the other was in (their audience, roles and answers changed),
  // to the ones those answer (answered from two addresses), and to their answers (what those answer changed)
  const changed = new Set<number>();
  for (const parentId of new Set([...interactionIds, ...answered, ...answers]))
    for (const c of await settleAnswers(db, parentId)) changed.add(c.personId);
  return [...changed];
}
