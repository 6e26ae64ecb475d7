import { storableLine } from '../domain/clean-text.js';
import type { Exchange } from '../domain/records.js';
import type { Category, ExchangeDirection } from '../domain/vocabulary.js';
import { acknowledgeExchange, findExchange, insertExchange } from '../store/exchange.repository.js';
import { exchangeEvent } from '../store/fold-events.js';
import type { Context } from './context.js';
import { AppError, happened, invalid } from './errors.js';
import { resolvePerson } from './people.js';
import { applyEvents } from './summaries.js';

type Db = Context['store']['db'];

export interface ExchangeInput {
  who: string;
  direction: ExchangeDirection;
  category: Category;
  note: string;
  impact?: string | undefined;
  at?: number | undefined;
  /** for an introduction the user made: the other person */
  introduced?: string | undefined;
}

/** Records value given to or received from a person in the ledger. */
export async function recordExchange(ctx: Context, input: ExchangeInput): Promise<Exchange> {
  // as imports store text: no control characters (a terminal's escapes), one line
  const note = storableLine(input.note) ?? '';
  if (!note) throw invalid('say what the value was (--note)');
  happened(input.at, ctx.now, 'value exchanged');
  return ctx.store.db.transaction().execute(async (trx) => {
    const person = await resolvePerson(ctx, input.who, trx);
    const introduced = input.introduced ? await resolvePerson(ctx, input.introduced, trx) : undefined;
    if (introduced && introduced.id === person.id) throw invalid('a person cannot be introduced to themselves');
    const id = await storeExchange(ctx, trx, {
      uid: ctx.newUid(),
      personId: person.id,
      direction: input.direction,
      category: input.category,
      note,
      impact: input.impact?.trim() || null,
      acknowledgedAt: null,
      at: input.at ?? ctx.now,
      introducedPersonId: introduced?.id ?? null,
    });
    const stored = await findExchange(trx, ctx.workspaceId, id);
    if (!stored) throw new AppError('internal', 'the exchange could not be read back');
    return stored;
  });
}

export async function storeExchange(ctx: Context, db: Db, e: Omit<Exchange, 'id'>): Promise<number> {
  const id = await insertExchange(db, ctx.workspaceId, e, ctx.now);
  const event = exchangeEvent([e.personId, e.at, id, e.direction, e.category, e.introducedPersonId]);
  await applyEvents(ctx, db, [{ personId: e.personId, event }]);
  return id;
}

/** They saw the impact of value the user gave. */
export async function acknowledge(ctx: Context, exchangeId: number): Promise<Exchange> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const e = await findExchange(trx, ctx.workspaceId, exchangeId);
    if (!e) throw new AppError('not_found', `no exchange with id ${exchangeId}`);
    if (e.direction !== 'given')
      throw invalid(`exchange ${exchangeId} is value received; only value given is acknowledged`);
    await acknowledgeExchange(trx, ctx.workspaceId, exchangeId, ctx.now);
    return { ...e, acknowledgedAt: ctx.now };
  });
}
