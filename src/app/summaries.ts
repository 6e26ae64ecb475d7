import { canAppend, foldAll, foldEvent } from '../domain/fold.js';
import type { FoldEvent } from '../domain/fold-event.js';
import { emptySummary, type Summary } from '../domain/summary.js';
import { readEventsByPerson, readPersonEvents, visitEventsInFoldOrder } from '../store/fold-events.js';
import { loadSummaries, saveSummary, summaryWriter } from '../store/summary.repository.js';
import type { Context } from './context.js';

type Db = Context['store']['db'];

/**
 * Keeps relationship summaries current as events arrive, inside the caller's transaction:
 * an event later than everything folded is folded in O(1); an earlier one (a back-dated note,
 * an import of old mail) folds that relationship again from its events, so the result never
 * depends on the order of arrival.
 */
export async function applyEvents(ctx: Context, db: Db, events: readonly { personId: number; event: FoldEvent }[]) {
  const byPerson = new Map<number, FoldEvent[]>();
  for (const { personId, event } of events) {
    const list = byPerson.get(personId);
    if (list) list.push(event);
    else byPerson.set(personId, [event]);
  }
  const summaries = await loadSummaries(db, ctx.workspaceId, [...byPerson.keys()]);
  for (const [personId, list] of byPerson) {
    let s = summaries.get(personId) ?? emptySummary();
    for (const event of list) {
      if (canAppend(s, event)) foldEvent(s, event);
      else {
        s = foldAll(await readPersonEvents(ctx.store, db, ctx.workspaceId, personId, Number.POSITIVE_INFINITY));
        break;
      }
    }
    await saveSummary(db, ctx.workspaceId, personId, s);
  }
}

/**
 * Folds these relationships again from their events, in the caller's transaction: one by one
 * for a few, else in blocks of people read through the participations' primary key.
 * Returns how many events were folded.
 */
export async function rebuildSummaries(
  ctx: Context,
  db: Db,
  personIds: readonly number[],
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  const writer = summaryWriter(ctx.store, db, ctx.workspaceId);
  let events = 0;
  if (ids.length <= 50) {
    for (const personId of ids) {
      const list = await readPersonEvents(ctx.store, db, ctx.workspaceId, personId, Number.POSITIVE_INFINITY);
      events += list.length;
      await writer.write(personId, foldAll(list));
    }
  } else {
    for (let i = 0; i < ids.length; i += REFOLD_BLOCK) {
      const block = ids.slice(i, i + REFOLD_BLOCK);
      const range = {
        fromPerson: block[0] ?? 0,
        toPerson: block[block.length - 1] ?? 0,
        upTo: Number.POSITIVE_INFINITY,
      };
      // SQLite: fold each event as it is read, in fold order (what foldAll does after sorting)
      const folded = new Map<number, Summary>();
      let current = -1;
      let s = emptySummary();
      const streamed = visitEventsInFoldOrder(ctx.store, ctx.workspaceId, range, (personId, event) => {
        if (personId !== current) {
          current = personId;
          s = emptySummary();
          folded.set(personId, s);
        }
        foldEvent(s, event);
      });
      if (!streamed) {
        const byPerson = await readEventsByPerson(ctx.store, db, ctx.workspaceId, range);
        for (const id of block) {
          const list = byPerson.get(id) ?? [];
          folded.set(id, foldAll(list));
        }
      }
      for (const id of block) {
        const summary = folded.get(id) ?? emptySummary();
        // every interaction counts in `interactions`, every exchange in given or received
        events += summary.interactions + summary.givenCount + summary.receivedCount;
        await writer.write(id, summary);
      }
      onProgress?.(Math.min(ids.length, i + REFOLD_BLOCK), ids.length);
    }
  }
  await writer.flush();
  return events;
}

/**
 * One relationship folded from its events up to `upTo`: on SQLite, each event as it is read
 * (no list, no sort); elsewhere through foldAll.
 */
export async function foldPersonAt(
  ctx: Context,
  personId: number,
  upTo: number,
  db: Db = ctx.store.db,
): Promise<Summary> {
  const s = emptySummary();
  const range = { fromPerson: personId, toPerson: personId, upTo };
  if (visitEventsInFoldOrder(ctx.store, ctx.workspaceId, range, (_, event) => foldEvent(s, event))) return s;
  return foldAll(await readPersonEvents(ctx.store, db, ctx.workspaceId, personId, upTo));
}

/** people folded together: their events are read in one pass over a primary-key range */
const REFOLD_BLOCK = 2000;

/**
 * Summaries as of `now`: the stored one when it holds nothing later than `now`, else one folded
 * from the events up to `now` (replaying the past, or with events logged ahead of time).
 */
export async function summariesAt(ctx: Context, personIds: readonly number[], now: number, db: Db = ctx.store.db) {
  const stored = await loadSummaries(db, ctx.workspaceId, personIds);
  const result = new Map<number, Summary>();
  const stale: number[] = [];
  for (const id of personIds) {
    const s = stored.get(id);
    if (s && (s.asOf === null || s.asOf <= now)) result.set(id, s);
    else stale.push(id);
  }
  stale.sort((a, b) => a - b);
  if (stale.length <= 50) {
    for (const id of stale) result.set(id, foldAll(await readPersonEvents(ctx.store, db, ctx.workspaceId, id, now)));
    return result;
  }
  for (let i = 0; i < stale.length; i += 200) {
    const chunk = stale.slice(i, i + 200);
    const from = chunk[0] ?? 0;
    const to = chunk[chunk.length - 1] ?? 0;
    const events = await readEventsByPerson(ctx.store, db, ctx.workspaceId, {
      fromPerson: from,
      toPerson: to,
      upTo: now,
    });
    for (const id of chunk) result.set(id, foldAll(events.get(id) ?? []));
  }
  return result;
}
