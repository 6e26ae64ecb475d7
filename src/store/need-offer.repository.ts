import type { Kysely, Selectable } from 'kysely';
import type { Need, Offer } from '../domain/records.js';
import { termsOf } from '../domain/text-match.js';
import { CATEGORIES, type Category, isOneOf } from '../domain/vocabulary.js';
import type { Store } from './database.js';
import { newId } from './id-floors.js';
import { readList } from './json-column.js';
import { selectRows } from './rows.js';
import type { Database, NeedTable, OfferTable } from './schema.js';

type Db = Kysely<Database>;

export function toNeed(r: Selectable<NeedTable>): Need {
  return {
    id: Number(r.id),
    uid: r.uid,
    personId: Number(r.person_id),
    text: r.text,
    unmet: r.unmet === 1,
    status: r.status === 'met' ? 'met' : 'open',
    createdAt: Number(r.created_at),
  };
}

export function toOffer(r: Selectable<OfferTable>): Offer {
  return {
    id: Number(r.id),
    uid: r.uid,
    personId: r.person_id === null ? null : Number(r.person_id),
    text: r.text,
    category: isOneOf(CATEGORIES, r.category) ? r.category : 'knowledge',
    tags: readList(r.tags),
    createdAt: Number(r.created_at),
  };
}

export async function insertNeed(
  db: Db,
  workspaceId: number,
  n: {
    id?: number | undefined;
    uid: string;
    personId: number;
    text: string;
    unmet: boolean;
    status?: 'open' | 'met';
    createdAt: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('needs')
    .values({
      ...(n.id !== undefined ? { id: n.id } : newId(db, 'needs')),
      workspace_id: workspaceId,
      uid: n.uid,
      person_id: n.personId,
      text: n.text,
      unmet: n.unmet ? 1 : 0,
      status: n.status ?? 'open',
      created_at: n.createdAt,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const terms = termsOf(n.text);
  if (terms.length > 0)
    await db
      .insertInto('need_terms')
      .values(terms.map((term) => ({ workspace_id: workspaceId, term, need_id: id })))
      .execute();
  return id;
}

export async function insertOffer(
  db: Db,
  workspaceId: number,
  o: {
    id?: number | undefined;
    uid: string;
    personId: number | null;
    text: string;
    category: Category;
    tags: readonly string[];
    createdAt: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('offers')
    .values({
      ...(o.id !== undefined ? { id: o.id } : newId(db, 'offers')),
      workspace_id: workspaceId,
      uid: o.uid,
      person_id: o.personId,
      text: o.text,
      category: o.category,
      tags: JSON.stringify(o.tags),
      created_at: o.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const terms = termsOf(o.text, o.tags);
  if (terms.length > 0)
    await db
      .insertInto('offer_terms')
      .values(terms.map((term) => ({ workspace_id: workspaceId, term, offer_id: id })))
      .execute();
  return id;
}

export async function needsOf(db: Db, workspaceId: number, personId: number) {
  const rows = await db
    .selectFrom('needs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  return rows.map(toNeed);
}

export async function offersBy(db: Db, workspaceId: number, personId: number | null) {
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('person_id', personId === null ? 'is' : '=', personId)
    .orderBy('id')
    .execute();
  return rows.map(toOffer);
}

/**
 * Pairs of (open need, offer) that share at least one term, existing at `now`, the most shared
 * terms first (then by need and offer id), at most `limit`: the candidates the focus list weighs.
 * The terms of the open needs and of the offers are read once and the pairs counted in memory
 * through an inverted index: a join of the two term tables grows with the square of the common
 * words, and took most of the focus list's time on 100,000 people.
 */
export async function needOfferCandidates(store: Store, workspaceId: number, now: number, limit: number) {
  const db = store.db;
  const [needs, needTerms, offers, offerTerms] = await Promise.all([
    selectRows(
      store,
      db
        .selectFrom('needs')
        .select(['id', 'person_id'])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'open')
        .where('created_at', '<=', now),
    ),
    selectRows(store, db.selectFrom('need_terms').select(['need_id', 'term']).where('workspace_id', '=', workspaceId)),
    selectRows(
      store,
      db
        .selectFrom('offers')
        .select(['id', 'person_id'])
        .where('workspace_id', '=', workspaceId)
        .where('created_at', '<=', now),
    ),
    selectRows(
      store,
      db.selectFrom('offer_terms').select(['offer_id', 'term']).where('workspace_id', '=', workspaceId),
    ),
  ]);
  // terms and offers as small integers; the offers holding each term, and each need's terms, as
  // flat lists (the counting below runs over every (need, offer) pair sharing a term)
  const termIds = new Map<unknown, number>();
  const termOf = (term: unknown) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(term, id);
    }
    return id;
  };
  const offerIndex = new Map<number, number>();
  const offerIds = new Float64Array(offers.length);
  const offerPeople = new Float64Array(offers.length);
  for (const [id, person] of offers) {
    offerIds[offerIndex.size] = Number(id);
    offerPeople[offerIndex.size] = person === null ? -1 : Number(person);
    offerIndex.set(Number(id), offerIndex.size);
  }
  const offerKeys = new Int32Array(offerTerms.length).fill(-1);
  const offerValues = new Int32Array(offerTerms.length);
  offerTerms.forEach(([offerId, term], i) => {
    const k = offerIndex.get(Number(offerId));
    if (k === undefined) return;
    offerKeys[i] = termOf(term);
    offerValues[i] = k;
  });
  const openNeeds = needs.map(([id, person]) => [Number(id), Number(person)] as const).sort((a, b) => a[0] - b[0]);
  const needIndex = new Map(openNeeds.map(([id], n) => [id, n]));
  const needKeys = new Int32Array(needTerms.length).fill(-1);
  const needValues = new Int32Array(needTerms.length);
  needTerms.forEach(([needId, term], i) => {
    const n = needIndex.get(Number(needId));
    if (n === undefined) return;
    needKeys[i] = n;
    needValues[i] = termOf(term);
  });
  const offersByTerm = groupBy(offerKeys, offerValues, termIds.size);
  const termsOfNeed = groupBy(needKeys, needValues, openNeeds.length);
  const counts = new Int32Array(offers.length);
  const touched = new Int32Array(offers.length);
  /** Counts each need's shared terms with every offer; calls `visit` for each pair. */
  const count = (visit: (n: number, k: number, shared: number) => void) => {
    for (let n = 0; n < openNeeds.length; n++) {
      const person = (openNeeds[n] as readonly [number, number])[1];
      let hit = 0;
      for (let t = termsOfNeed.start[n] as number; t < (termsOfNeed.start[n + 1] as number); t++) {
        const term = termsOfNeed.values[t] as number;
        for (let j = offersByTerm.start[term] as number; j < (offersByTerm.start[term + 1] as number); j++) {
          const k = offersByTerm.values[j] as number;
          if ((counts[k] as number) === 0) touched[hit++] = k;
          counts[k] = (counts[k] as number) + 1;
        }
      }
      for (let x = 0; x < hit; x++) {
        const k = touched[x] as number;
        const shared = counts[k] as number;
        counts[k] = 0;
        if (offerPeople[k] !== person) visit(n, k, shared);
      }
    }
  };
  // one pass: how many pairs share each number of terms, keeping those sharing two or more
  const perLevel: number[] = [];
  const kept: { n: number[]; k: number[]; shared: number[] } = { n: [], k: [], shared: [] };
  count((n, k, shared) => {
    perLevel[shared] = (perLevel[shared] ?? 0) + 1;
    if (shared < 2) return;
    kept.n.push(n);
    kept.k.push(k);
    kept.shared.push(shared);
  });
  // the fewest shared terms among the leading `limit` pairs
  let least = perLevel.length;
  for (let total = 0; least > 1 && total < limit; ) total += perLevel[--least] ?? 0;
  const levels: { needId: number; offerId: number; shared: number }[][] = [];
  const keep = (n: number, k: number, shared: number) => {
    const level = levels[shared] ?? [];
    levels[shared] = level;
    level.push({ needId: (openNeeds[n] as readonly [number, number])[0], offerId: offerIds[k] as number, shared });
  };
  if (limit > 0 && least >= 1) {
    for (let i = 0; i < kept.n.length; i++)
      if ((kept.shared[i] as number) >= least) keep(kept.n[i] as number, kept.k[i] as number, kept.shared[i] as number);
    // pairs sharing a single term are needed only when fewer than `limit` share more
    if (least === 1) count((n, k, shared) => shared === 1 && keep(n, k, shared));
  }
  const result: { needId: number; offerId: number; shared: number }[] = [];
  for (let shared = levels.length - 1; shared >= least && result.length < limit; shared--) {
    const level = levels[shared];
    if (!level) continue;
    level.sort((a, b) => a.needId - b.needId || a.offerId - b.offerId);
    for (const p of level) {
      if (result.length >= limit) break;
      result.push(p);
    }
  }
  return result;
}

export async function needsByIds(db: Db, workspaceId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('needs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return rows.map(toNeed);
}

export async function offersByIds(db: Db, workspaceId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return rows.map(toOffer);
}

/**
 * How many needs and offers recorded by `now` contain each term: for weighing rare words above
 * common ones (those recorded later are not there yet when the past is replayed).
 */
export async function termFrequencies(db: Db, workspaceId: number, terms: readonly string[], now: number) {
  const freq = new Map<string, number>();
  if (terms.length === 0) return { freq, documents: 0 };
  const wanted = [...new Set(terms)];
  // the same query for both: each term table joined to what it indexes, for its created_at
  const counted = (table: 'need_terms' | 'offer_terms', of: 'needs' | 'offers', key: 'need_id' | 'offer_id') =>
    db
      .selectFrom(`${table} as t` as 'need_terms as t')
      .innerJoin(`${of} as d` as 'needs as d', 'd.id', `t.${key}` as 't.need_id')
      .select(['t.term'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.workspace_id', '=', workspaceId)
      .where('t.term', 'in', wanted)
      .where('d.created_at', '<=', now)
      .groupBy('t.term')
      .execute();
  const [needTerms, offerTerms] = await Promise.all([
    counted('need_terms', 'needs', 'need_id'),
    counted('offer_terms', 'offers', 'offer_id'),
  ]);
  for (const r of [...needTerms, ...offerTerms]) freq.set(r.term, (freq.get(r.term) ?? 0) + Number(r.n));
  const counts = await Promise.all(
    (['needs', 'offers'] as const).map((t) =>
      db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('created_at', '<=', now)
        .executeTakeFirstOrThrow(),
    ),
  );
  return { freq, documents: counts.reduce((s, r) => s + Number(r.n), 0) };
}

/** Pairs (keys[i], values[i]) with keys below `n` (negative: skipped) as flat lists: the values of key k at start[k] .. start[k + 1]. */
function groupBy(keys: Int32Array, values: Int32Array, n: number) {
  const start = new Int32Array(n + 1);
  for (const key of keys) if (key >= 0) start[key + 1] = (start[key + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const grouped = new Int32Array(start[n] as number);
  const fill = start.slice(0, n);
  keys.forEach((key, i) => {
    if (key < 0) return;
    const at = fill[key] as number;
    fill[key] = at + 1;
    grouped[at] = values[i] as number;
  });
  return { start, values: grouped };
}
