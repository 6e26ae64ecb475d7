import { answersAwaitedMessage } from '../domain/participation.js';
import type { Exchange } from '../domain/records.js';
import { ROLES, type Role } from '../domain/vocabulary.js';
import { insertExchange } from '../store/exchange.repository.js';
import { EVENT_COLUMNS } from '../store/fold-events.js';
import { nextIdSql } from '../store/id-floors.js';
import {
  ANSWERS_SQL,
  type AnswerRow,
  answerChanges,
  findInteractionIdByUid,
  isBulkRow,
  type NewInteraction,
  NOT_IN_PARENT,
  type ParentParticipation,
  parentParticipations,
  participationRows,
  settleAnswers,
} from '../store/interaction.repository.js';
import type { ParticipationTable } from '../store/schema.js';
import type { Context } from './context.js';
import { rebuildSummaries } from './summaries.js';

type Db = Context['store']['db'];

export interface BulkInteraction extends Omit<NewInteraction, 'uid' | 'replyToId'> {
  uid?: string | undefined;
  /** a stored interaction this one answers */
  replyToId?: number | null | undefined;
  /** or: the uid of the interaction it answers, stored or earlier in the same load */
  replyToUid?: string | null | undefined;
  /**
   * it answers a message not stored (its reply headers name one): it starts nothing and awaits no
   * answer, as an answer to someone else's message does, until its message is linked (linkReply)
   */
  answersUnknown?: boolean | undefined;
}

export interface LoadCounts {
  created: number;
  duplicates: number;
}

/** Answered messages kept before their first answers are settled. */
const PARENT_BATCH = 20_000;
/** Interactions of this load whose first answers are decided as the answers arrive (a ring, by id). */
const TRACKED_SLOTS = 16_384;

/** A message loaded here: for each person, the time of their first answer to it that counts. */
interface Tracked {
  readonly id: number;
  firsts: Map<number, number> | undefined;
}

/** Every participation column: the workspace, then what a fold event is made of. */
const P_COLUMNS: readonly (keyof ParticipationTable)[] = ['workspace_id', ...EVENT_COLUMNS];

/**
 * Loads many interactions and exchanges inside the caller's transaction, then brings the
 * touched relationships up to date in one pass (finish). Records already stored (same uid, or
 * same source and external id) are counted as duplicates and left alone, so loading the same
 * data twice changes nothing. On SQLite rows go through prepared statements.
 */
export class BulkLoader {
  private readonly touched = new Set<number>();
  /** the tables whose highest id is above the highest removed (see idAboveFloor) */
  private readonly aboveFloor = new Set<'interactions' | 'exchanges'>();
  private readonly parents = new Set<number>();
  /** answers loaded before the message they answer (by uid), linked at the end of interactions() */
  private readonly unlinked: { childId: number; parentUid: string }[] = [];
  private readonly uidToId = new Map<string, number>();
  private readonly statements;
  private readonly tracked: (Tracked | undefined)[] = new Array(TRACKED_SLOTS);
  /** The participations of the interactions loaded last, as an answer to one reads them back. */
  private readonly recent = new RecentParticipations();

  constructor(
    private readonly ctx: Context,
    private readonly db: Db,
  ) {
    const raw = ctx.store.sqlite;
    this.statements = raw
      ? {
          interaction: raw.prepare(
            `INSERT OR IGNORE INTO interactions (id, workspace_id, uid, at, channel, direction, depth, from_person_id, minutes, note, source, external_id, reply_to_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ),
          participation: raw.prepare(
            `INSERT OR IGNORE INTO participations (${P_COLUMNS.join(', ')}) VALUES (${P_COLUMNS.map(() => '?').join(', ')})`,
          ),
          parent: raw.prepare(
            'SELECT person_id, at, role, parent_role, channel, audience FROM participations WHERE interaction_id = ?',
          ),
          answers: raw.prepare(ANSWERS_SQL),
          mark: raw.prepare('UPDATE participations SET first_answer = ? WHERE interaction_id = ? AND person_id = ?'),
          exchangeByUid: raw.prepare('SELECT id FROM exchanges WHERE workspace_id = ? AND uid = ?'),
          exchange: raw.prepare(
            `INSERT INTO exchanges (id, workspace_id, uid, person_id, direction, category, note, impact, acknowledged_at, at, introduced_person_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ),
          nextInteractionId: raw.prepare(
            `SELECT (SELECT max(id) FROM interactions) AS top, ${nextIdSql('interactions')} AS next`,
          ),
          nextExchangeId: raw.prepare(
            `SELECT (SELECT max(id) FROM exchanges) AS top, ${nextIdSql('exchanges')} AS next`,
          ),
        }
      : null;
  }

  /**
   * The id a new row must take on SQLite so that a removed row's id is not given again (see
   * store/id-floors.ts), or null to let SQLite choose: asked until the table's highest id is above
   * its floor, which in a load without removals is at once.
   */
  private idAboveFloor(table: 'interactions' | 'exchanges'): number | null {
    if (this.aboveFloor.has(table) || !this.statements) return null;
    const statement = table === 'interactions' ? this.statements.nextInteractionId : this.statements.nextExchangeId;
    const { top, next } = statement.get() as { top: number | null; next: number };
    if (next === (top ?? 0) + 1 && top !== null) {
      this.aboveFloor.add(table);
      return null;
    }
    return next;
  }

  /** People whose relationships this load changed. */
  get touchedPeople(): ReadonlySet<number> {
    return this.touched;
  }

  /** Loads interactions in time order (so a message's answers follow it). */
  async interactions(list: readonly BulkInteraction[], onProgress?: (done: number) => void): Promise<LoadCounts> {
    const order = list.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i);
    const counts: LoadCounts = { created: 0, duplicates: 0 };
    let done = 0;
    for (const { r } of order) {
      const id = await this.interaction(r);
      if (id === undefined) counts.duplicates++;
      else counts.created++;
      if (++done % 5000 === 0) onProgress?.(done);
    }
    // an answer dated before the message it answers (a clock gone wrong) came first in time
    // order: linked now that its message is loaded
    const early = this.unlinked.splice(0);
    for (const { childId, parentUid } of early) {
      const parentId = await this.idOfUid(parentUid);
      if (parentId !== null && parentId !== childId) await this.linkReply(childId, parentId);
    }
    onProgress?.(done);
    return counts;
  }

  /** Loads one interaction; undefined when it was already stored. */
  async interaction(r: BulkInteraction): Promise<number | undefined> {
    const uid = r.uid ?? this.ctx.newUid();
    const replyToId = r.replyToId ?? (r.replyToUid ? await this.idOfUid(r.replyToUid) : null) ?? null;
    const record: NewInteraction = { ...r, uid, replyToId };
    const id = await this.insert(record);
    if (id === undefined) return undefined;
    if (r.replyToUid && replyToId === null && this.unlinked.length < 100_000)
      this.unlinked.push({ childId: id, parentUid: r.replyToUid });
    // only a caller's own uids can be answered by uid later in the load; remembering generated
    // ones would grow with the file (a million messages in an mbox)
    if (r.uid !== undefined) this.uidToId.set(uid, id);
    const parents = replyToId !== null ? await this.parentsOf(replyToId) : new Map<number, ParentParticipation>();
    const rows = participationRows(
      this.ctx.workspaceId,
      id,
      record,
      parents,
      replyToId !== null ? 'stored' : r.answersUnknown ? 'unknown' : 'nothing',
    );
    // answers to a message of this load, arriving in time order, are marked as they come; any
    // other answer has its message settled later in SQL (settleParents), which rewrites the marks
    const decided = replyToId !== null && this.markFirstAnswers(replyToId, record.at, rows, parents);
    this.tracked[id % TRACKED_SLOTS] = { id, firsts: undefined };
    // most answers follow their message closely: what they need of it is kept instead of read back
    this.recent.keep(id, record.at, rows);
    if (this.statements) {
      for (const row of rows) this.statements.participation.run(...P_COLUMNS.map((c) => row[c]));
    } else if (rows.length > 0) {
      await this.db.insertInto('participations').values(rows).execute();
    }
    for (const row of rows) this.touched.add(row.person_id);
    if (replyToId !== null && !decided) {
      this.parents.add(replyToId);
      // settle answered messages in batches so the set stays small on huge mailboxes; a later
      // answer to one of them adds it again and it is settled again
      if (this.parents.size >= PARENT_BATCH) await this.settleParents();
    }
    return id;
  }

  /**
   * Marks each person's first answer (that counts: see answersAwaitedMessage) to a message loaded
   * earlier in this load and still tracked, when nothing earlier may follow: every answer to it
   * so far came through here and none is later than this one. False when it cannot decide (the
   * message is older, or no longer tracked, or this answer is earlier than one already taken).
   */
  private markFirstAnswers(
    parentId: number,
    at: number,
    rows: ParticipationTable[],
    parents: ReadonlyMap<number, ParentParticipation>,
  ): boolean {
    const t = this.tracked[parentId % TRACKED_SLOTS];
    if (t?.id !== parentId) return false;
    const counts = (row: ParticipationTable) =>
      answersAwaitedMessage(
        ROLES[row.role] ?? 'mutual',
        parents.get(row.person_id)?.role ?? null,
        parents.get(row.person_id)?.grandparentRole ?? null,
        parents.get(row.person_id)?.bulk ?? false,
      );
    for (const row of rows) {
      const first = t.firsts?.get(row.person_id);
      if (first !== undefined && first > at && counts(row)) {
        // from now on its marks are settled in SQL only: what is known here no longer holds
        this.tracked[parentId % TRACKED_SLOTS] = undefined;
        return false;
      }
    }
    for (const row of rows) {
      if (t.firsts?.has(row.person_id) || !counts(row)) continue;
      row.first_answer = 1;
      t.firsts ??= new Map();
      t.firsts.set(row.person_id, at);
    }
    return true;
  }

  private async insert(r: NewInteraction): Promise<number | undefined> {
    if (this.statements) {
      const result = this.statements.interaction.run(
        r.id ?? this.idAboveFloor('interactions'),
        this.ctx.workspaceId,
        r.uid,
        r.at,
        r.channel,
        r.direction,
        r.depth,
        r.fromPersonId,
        r.minutes,
        r.note,
        r.source,
        r.externalId,
        r.replyToId,
        this.ctx.now,
      );
      return result.changes === 0 ? undefined : Number(result.lastInsertRowid);
    }
    const row = await this.db
      .insertInto('interactions')
      .values({
        ...(r.id !== undefined ? { id: r.id } : {}),
        workspace_id: this.ctx.workspaceId,
        uid: r.uid,
        at: r.at,
        channel: r.channel,
        direction: r.direction,
        depth: r.depth,
        from_person_id: r.fromPersonId,
        minutes: r.minutes,
        note: r.note,
        source: r.source,
        external_id: r.externalId,
        reply_to_id: r.replyToId,
        created_at: this.ctx.now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? Number(row.id) : undefined;
  }

  private async idOfUid(uid: string): Promise<number | null> {
    return this.uidToId.get(uid) ?? (await findInteractionIdByUid(this.db, this.ctx.workspaceId, uid)) ?? null;
  }

  private async parentsOf(parentId: number): Promise<Map<number, ParentParticipation>> {
    const recent = this.recent.get(parentId);
    if (recent) return recent;
    if (!this.statements) return parentParticipations(this.db, parentId);
    const map = new Map<number, ParentParticipation>();
    for (const r of this.statements.parent.all(parentId) as {
      person_id: number;
      at: number;
      role: number;
      parent_role: number | null;
      channel: number;
      audience: number;
    }[])
      map.set(r.person_id, {
        at: r.at,
        role: ROLES[r.role] ?? 'mutual',
        grandparentRole: r.parent_role === null ? null : ((ROLES[r.parent_role] as Role | undefined) ?? null),
        bulk: isBulkRow(r.channel, r.audience),
      });
    return map;
  }

  /**
   * Links a stored interaction to the one it answers, found only after it was loaded (an answer
   * earlier in a file than its message): the reply link and each participant's view of the parent.
   */
  async linkReply(childId: number, parentId: number): Promise<void> {
    // an answer found late: the message's marks are settled in SQL from now on
    if (this.tracked[parentId % TRACKED_SLOTS]?.id === parentId) this.tracked[parentId % TRACKED_SLOTS] = undefined;
    // its participations change below (what they answer): read back from now on
    this.recent.forget(childId);
    // an answer linked before to another message (a closer one came since): that one's first
    // answers are settled again without it
    const before = await this.db
      .selectFrom('interactions')
      .select('reply_to_id')
      .where('id', '=', childId)
      .executeTakeFirst();
    const old =
      before?.reply_to_id === null || before?.reply_to_id === undefined ? undefined : Number(before.reply_to_id);
    if (old !== undefined && old !== parentId) {
      if (this.tracked[old % TRACKED_SLOTS]?.id === old) this.tracked[old % TRACKED_SLOTS] = undefined;
      this.parents.add(old);
    }
    await this.db.updateTable('interactions').set({ reply_to_id: parentId }).where('id', '=', childId).execute();
    const parents = await this.parentsOf(parentId);
    const rows = await this.db
      .selectFrom('participations')
      .select(['person_id', 'at'])
      .where('interaction_id', '=', childId)
      .execute();
    for (const { person_id, at } of rows) {
      const personId = Number(person_id);
      // a person not in the message it answers (see NOT_IN_PARENT)
      const parent = parents.get(personId);
      await this.db
        .updateTable('participations')
        .set(
          parent
            ? { parent_at: parent.at, parent_role: ROLES.indexOf(parent.role) }
            : { parent_at: Number(at), parent_role: NOT_IN_PARENT },
        )
        .where('interaction_id', '=', childId)
        .where('person_id', '=', personId)
        .execute();
      this.touched.add(personId);
    }
    this.parents.add(parentId);
    // what the child answers decides which of its own answers count (see answersAwaitedMessage):
    // they are settled again too
    this.parents.add(childId);
    if (this.tracked[childId % TRACKED_SLOTS]?.id === childId) this.tracked[childId % TRACKED_SLOTS] = undefined;
  }

  /**
   * Adds people to a stored interaction (a copy of a message that names more of them): its
   * participation rows are written again with everyone (the audience and the people in common
   * change for all), what it answers is looked at for the new ones, and so are its answers.
   */
  async addParticipants(id: number, people: readonly number[], audience: number): Promise<void> {
    await this.rewriteParticipants(
      id,
      (stored) => [...new Set([...stored, ...people])],
      (stored) => Math.max(audience, stored),
    );
  }

  /**
   * Takes a person out of a stored interaction (a guest who declined a meeting after it was
   * stored): its participations are written again without them, one fewer in its audience.
   * False when nobody is left in it.
   */
  async removeParticipant(id: number, personId: number): Promise<boolean> {
    let left = 0;
    await this.rewriteParticipants(
      id,
      (stored) => {
        const rest = stored.filter((p) => p !== personId);
        left = rest.length;
        return rest.length === stored.length ? undefined : rest;
      },
      (stored) => Math.max(left, stored - 1),
    );
    this.touched.add(personId);
    return left > 0;
  }

  /**
   * Writes a stored interaction's participations again for other people (`change` gives them
   * from those stored, or undefined for no change) and audience (from the largest stored).
   */
  private async rewriteParticipants(
    id: number,
    change: (stored: number[]) => number[] | undefined,
    audience: (stored: number) => number,
  ): Promise<void> {
    const i = await this.db
      .selectFrom('interactions')
      .select(['at', 'channel', 'direction', 'depth', 'from_person_id', 'reply_to_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!i) return;
    const rows = await this.db
      .selectFrom('participations')
      .select(['person_id', 'audience', 'parent_at'])
      .where('interaction_id', '=', id)
      .execute();
    const everyone = change(rows.map((r) => Number(r.person_id)));
    if (everyone === undefined) return;
    const replyToId = i.reply_to_id === null ? null : Number(i.reply_to_id);
    const parents = replyToId === null ? new Map<number, ParentParticipation>() : await this.parentsOf(replyToId);
    await this.db.deleteFrom('participations').where('interaction_id', '=', id).execute();
    this.recent.forget(id);
    if (this.tracked[id % TRACKED_SLOTS]?.id === id) this.tracked[id % TRACKED_SLOTS] = undefined;
    const fresh = participationRows(
      this.ctx.workspaceId,
      id,
      {
        at: Number(i.at),
        channel: i.channel as NewInteraction['channel'],
        direction: i.direction as NewInteraction['direction'],
        depth: i.depth as NewInteraction['depth'],
        participantIds: everyone,
        fromPersonId: i.from_person_id === null ? null : Number(i.from_person_id),
        audience: audience(Math.max(0, ...rows.map((r) => Number(r.audience)))),
      },
      parents,
      // an answer to a message not stored (answersUnknown) still answers one
      replyToId !== null ? 'stored' : rows.some((r) => r.parent_at !== null) ? 'unknown' : 'nothing',
    );
    if (fresh.length > 0) await this.db.insertInto('participations').values(fresh).execute();
    for (const p of everyone) this.touched.add(p);
    // first answers are settled again: to what it answers, and among its own answers
    if (replyToId !== null) this.parents.add(replyToId);
    const answers = await this.db.selectFrom('interactions').select('id').where('reply_to_id', '=', id).execute();
    for (const a of answers) await this.linkReply(Number(a.id), id);
    this.parents.add(id);
  }

  /** Loads exchanges (value given and received); those with a stored uid are duplicates. */
  /** Whether an exchange with this uid is stored already (a re-import of the same record). */
  async hasExchange(uid: string): Promise<boolean> {
    if (this.statements) return this.statements.exchangeByUid.get(this.ctx.workspaceId, uid) !== undefined;
    const row = await this.db
      .selectFrom('exchanges')
      .select('id')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('uid', '=', uid)
      .executeTakeFirst();
    return row !== undefined;
  }

  async exchanges(list: readonly (Omit<Exchange, 'id'> & { id?: number | undefined })[]): Promise<LoadCounts> {
    const counts: LoadCounts = { created: 0, duplicates: 0 };
    for (const x of list) {
      if (this.statements) {
        // SQLite: the same lookup and insert as below, through prepared statements
        const s = this.statements;
        if (s.exchangeByUid.get(this.ctx.workspaceId, x.uid) !== undefined) {
          counts.duplicates++;
          continue;
        }
        s.exchange.run(
          x.id ?? this.idAboveFloor('exchanges'),
          this.ctx.workspaceId,
          x.uid,
          x.personId,
          x.direction,
          x.category,
          x.note,
          x.impact,
          x.acknowledgedAt,
          x.at,
          x.introducedPersonId,
          this.ctx.now,
        );
        this.touched.add(x.personId);
        counts.created++;
        continue;
      }
      const existing = await this.db
        .selectFrom('exchanges')
        .select('id')
        .where('workspace_id', '=', this.ctx.workspaceId)
        .where('uid', '=', x.uid)
        .executeTakeFirst();
      if (existing) {
        counts.duplicates++;
        continue;
      }
      await insertExchange(this.db, this.ctx.workspaceId, x, this.ctx.now);
      this.touched.add(x.personId);
      counts.created++;
    }
    return counts;
  }

  /** settleAnswers through prepared statements (SQLite): one query per message answered, one update per mark changed. */
  private settleRaw(parentId: number) {
    const s = this.statements;
    if (!s) throw new Error('settleRaw needs SQLite');
    const changed = answerChanges(s.answers.all(parentId, parentId) as AnswerRow[]);
    for (const c of changed) s.mark.run(c.first ? 1 : 0, c.interactionId, c.personId);
    return changed;
  }

  /** Marks the first answers of every message answered so far. */
  private async settleParents(): Promise<void> {
    for (const parentId of this.parents) {
      const changed = this.statements ? this.settleRaw(parentId) : await settleAnswers(this.db, parentId);
      for (const c of changed) this.touched.add(c.personId);
    }
    this.parents.clear();
  }

  /** Forgets a person taken out since they were touched: there is nothing left of them to fold. */
  forget(personId: number): void {
    this.touched.delete(personId);
  }

  /** Marks first answers across every thread touched and folds the touched relationships again. */
  async finish(onProgress?: (done: number, total: number) => void): Promise<void> {
    await this.settleParents();
    await rebuildSummaries(this.ctx, this.db, [...this.touched], onProgress);
  }
}

/**
 * The people of the interactions loaded last (up to PEOPLE_KEPT each; larger ones are read back),
 * in typed arrays indexed by id modulo TRACKED_SLOTS: a million-message load allocates nothing here.
 */
class RecentParticipations {
  private static readonly PEOPLE_KEPT = 4;
  private readonly ids = new Float64Array(TRACKED_SLOTS).fill(-1);
  private readonly at = new Float64Array(TRACKED_SLOTS);
  private readonly count = new Uint8Array(TRACKED_SLOTS);
  /** 1: bulk mail (see isBulk), which awaits no answer */
  private readonly bulk = new Uint8Array(TRACKED_SLOTS);
  private readonly person = new Float64Array(TRACKED_SLOTS * RecentParticipations.PEOPLE_KEPT);
  private readonly role = new Int8Array(TRACKED_SLOTS * RecentParticipations.PEOPLE_KEPT);
  /** -1: it answered nothing */
  private readonly parentRole = new Int8Array(TRACKED_SLOTS * RecentParticipations.PEOPLE_KEPT);

  keep(id: number, at: number, rows: readonly ParticipationTable[]): void {
    const slot = id % TRACKED_SLOTS;
    if (rows.length > RecentParticipations.PEOPLE_KEPT) {
      this.ids[slot] = -1;
      return;
    }
    this.ids[slot] = id;
    this.at[slot] = at;
    this.count[slot] = rows.length;
    this.bulk[slot] = rows[0] !== undefined && isBulkRow(rows[0].channel, rows[0].audience) ? 1 : 0;
    rows.forEach((row, k) => {
      const i = slot * RecentParticipations.PEOPLE_KEPT + k;
      this.person[i] = row.person_id;
      this.role[i] = row.role;
      this.parentRole[i] = row.parent_role ?? -1;
    });
  }

  /** What parentsOf would read back for the interaction, when it is kept. */
  get(id: number): Map<number, ParentParticipation> | undefined {
    const slot = id % TRACKED_SLOTS;
    if (this.ids[slot] !== id) return undefined;
    const people = new Map<number, ParentParticipation>();
    for (let k = 0; k < (this.count[slot] as number); k++) {
      const i = slot * RecentParticipations.PEOPLE_KEPT + k;
      const parentRole = this.parentRole[i] as number;
      people.set(this.person[i] as number, {
        at: this.at[slot] as number,
        role: ROLES[this.role[i] as number] ?? 'mutual',
        grandparentRole: parentRole === -1 ? null : ((ROLES[parentRole] as Role | undefined) ?? null),
        bulk: this.bulk[slot] === 1,
      });
    }
    return people;
  }

  /** Its participations changed: read back from now on. */
  forget(id: number): void {
    if (this.ids[id % TRACKED_SLOTS] === id) this.ids[id % TRACKED_SLOTS] = -1;
  }
}
