import { stringify } from 'csv-stringify/sync';
import ICAL from 'ical.js';
import type { Selectable } from 'kysely';
import { nameParts } from '../domain/identity.js';
import type { Person } from '../domain/person.js';
import { formatInstant } from '../domain/time.js';
import { toExchange } from '../store/exchange.repository.js';
import { toInteraction } from '../store/interaction.repository.js';
import { toMilestone } from '../store/milestone.repository.js';
import { toNeed, toOffer } from '../store/need-offer.repository.js';
import { toNextStep } from '../store/next-step.repository.js';
import { emailsOf, toPerson } from '../store/person.repository.js';
import type { Database } from '../store/schema.js';
import type { Context } from './context.js';
import { evaluatePeople } from './evaluation.js';
import { keptAsideRows } from './import/kept-aside-rows.js';
import { keptTabRows } from './import/kept-tab-mail.js';
import { FORMAT, VERSION } from './rapport-json.js';

export type ExportFormat = 'json' | 'vcard' | 'csv';
export type Sink = (chunk: string) => Promise<void>;

const PAGE = 2000;
const iso = (t: number | null) => (t === null ? null : formatInstant(t));

/** Writes the workspace in the given format, page by page, so memory stays bounded. */
export async function exportWorkspace(ctx: Context, format: ExportFormat, sink: Sink): Promise<{ people: number }> {
  if (format === 'vcard') return exportVcards(ctx, sink);
  if (format === 'csv') return exportCsv(ctx, sink);
  return exportJson(ctx, sink);
}

async function* peoplePages(ctx: Context): AsyncGenerator<Person[]> {
  let after = 0;
  for (;;) {
    const rows = await ctx.store.db
      .selectFrom('people')
      .selectAll()
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    const emails = await emailsOf(
      ctx.store.db,
      rows.map((r) => Number(r.id)),
    );
    after = Number(rows[rows.length - 1]?.id ?? after);
    yield rows.map((r) => toPerson(r, emails.get(Number(r.id)) ?? []));
  }
}

async function exportJson(ctx: Context, sink: Sink): Promise<{ people: number }> {
  const db = ctx.store.db;
  const ws = ctx.workspaceId;
  const workspace = await db.selectFrom('workspaces').select('name').where('id', '=', ws).executeTakeFirst();
  const settings = await db
    .selectFrom('workspace_settings')
    .select(['key', 'value'])
    .where('workspace_id', '=', ws)
    .execute();
  // ids are the database's: the floors of deleted ids are too (see migrations 0021 and 0033)
  const floors = new Map(
    (await db.selectFrom('id_floors').select(['name', 'floor']).execute()).map((r) => [r.name, Number(r.floor)]),
  );
  const floor = floors.get('people');
  floors.delete('people');
  await sink(
    `{"format":${JSON.stringify(FORMAT)},"version":${VERSION},"exportedAt":${JSON.stringify(formatInstant(ctx.now))},\n` +
      (floor !== undefined ? `"peopleIdFloor":${floor},\n` : '') +
      (floors.size > 0 ? `"idFloors":${JSON.stringify(Object.fromEntries(floors))},\n` : '') +
      `"workspace":${JSON.stringify({ name: workspace?.name ?? 'Workspace', settings: Object.fromEntries(settings.map((s) => [s.key, s.value])) })},\n`,
  );
  const uidOf = new Map<number, string>();
  const made = new Set(
    (
      await ctx.store.db
        .selectFrom('people')
        .select('id')
        .where('workspace_id', '=', ctx.workspaceId)
        .where('name_made', '=', 1)
        .execute()
    ).map((r) => Number(r.id)),
  );
  const nameSources = new Map(
    (
      await ctx.store.db
        .selectFrom('people')
        .select(['id', 'name_source'])
        .where('workspace_id', '=', ctx.workspaceId)
        .where('name_source', 'is not', null)
        .execute()
    ).map((r) => [Number(r.id), r.name_source as string]),
  );
  const jobSources = new Map(
    (
      await ctx.store.db
        .selectFrom('people')
        .select(['id', 'job_source', 'job_at'])
        .where('workspace_id', '=', ctx.workspaceId)
        .where('job_source', 'is not', null)
        .execute()
    ).map((r) => [
      Number(r.id),
      { source: r.job_source as string, at: r.job_at === null ? undefined : Number(r.job_at) },
    ]),
  );
  let people = 0;
  await sink('"people":[');
  let first = true;
  for await (const page of peoplePages(ctx)) {
    for (const p of page) {
      uidOf.set(p.id, p.uid);
      people++;
      await sink(
        `${first ? '\n' : ',\n'}${JSON.stringify(personRecord(p, { made: made.has(p.id), source: nameSources.get(p.id) }, jobSources.get(p.id)))}`,
      );
      first = false;
    }
  }
  await sink('\n],\n');
  const ref = (id: number | null) => (id === null ? null : (uidOf.get(id) ?? null));

  await collection(sink, 'interactions', async function* () {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('interactions')
        .selectAll()
        .where('workspace_id', '=', ws)
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]?.id ?? after);
      const ids = rows.map((r) => Number(r.id));
      const parts = await db
        .selectFrom('participations')
        .select(['interaction_id', 'person_id', 'audience', 'parent_at'])
        .where('interaction_id', 'in', ids)
        .orderBy('interaction_id')
        .orderBy('person_id')
        .execute();
      const byInteraction = new Map<number, number[]>();
      const audiences = new Map<number, number>();
      // an answer whose message is not stored still knows it answers one (see BulkInteraction.answersUnknown)
      const answering = new Set<number>();
      for (const p of parts) {
        if (p.parent_at !== null) answering.add(Number(p.interaction_id));
        const list = byInteraction.get(Number(p.interaction_id)) ?? [];
        list.push(Number(p.person_id));
        byInteraction.set(Number(p.interaction_id), list);
        audiences.set(Number(p.interaction_id), Number(p.audience));
      }
      const parentUids = new Map<number, string>();
      const parentIds = [...new Set(rows.map((r) => r.reply_to_id).filter((x): x is number => x !== null))].map(Number);
      if (parentIds.length > 0)
        for (const r of await db
          .selectFrom('interactions')
          .select(['id', 'uid'])
          .where('id', 'in', parentIds)
          .execute())
          parentUids.set(Number(r.id), r.uid);
      for (const r of rows) {
        const i = toInteraction(r, byInteraction.get(Number(r.id)) ?? []);
        const audience = audiences.get(i.id) ?? 0;
        yield {
          uid: i.uid,
          id: i.id,
          at: formatInstant(i.at),
          channel: i.channel,
          direction: i.direction,
          depth: i.depth,
          people: i.participantIds.map(ref).filter((x): x is string => x !== null),
          fromPerson: ref(i.fromPersonId),
          minutes: i.minutes,
          note: i.note,
          source: i.source,
          externalId: i.externalId,
          replyTo: i.replyToId === null ? null : (parentUids.get(i.replyToId) ?? null),
          // only when more people were involved than are listed (bulk mail's unknown recipients)
          ...(audience > i.participantIds.length ? { audience } : {}),
          ...(i.replyToId === null && answering.has(i.id) ? { answersUnknown: true } : {}),
        };
      }
    }
  });
  await collection(sink, 'exchanges', async function* () {
    for await (const rows of pages(ctx, 'exchanges'))
      for (const r of rows) {
        const x = toExchange(r);
        yield {
          uid: x.uid,
          id: x.id,
          person: ref(x.personId),
          direction: x.direction,
          category: x.category,
          note: x.note,
          impact: x.impact,
          acknowledgedAt: iso(x.acknowledgedAt),
          at: formatInstant(x.at),
          introducedPerson: ref(x.introducedPersonId),
        };
      }
  });
  await collection(sink, 'needs', async function* () {
    for await (const rows of pages(ctx, 'needs'))
      for (const r of rows) {
        const n = toNeed(r);
        yield {
          uid: n.uid,
          id: n.id,
          person: ref(n.personId),
          text: n.text,
          unmet: n.unmet,
          status: n.status,
          createdAt: formatInstant(n.createdAt),
        };
      }
  });
  await collection(sink, 'offers', async function* () {
    for await (const rows of pages(ctx, 'offers'))
      for (const r of rows) {
        const o = toOffer(r);
        yield {
          uid: o.uid,
          id: o.id,
          person: ref(o.personId),
          text: o.text,
          category: o.category,
          tags: o.tags,
          createdAt: formatInstant(o.createdAt),
        };
      }
  });
  await collection(sink, 'nextSteps', async function* () {
    for await (const rows of pages(ctx, 'next_steps'))
      for (const r of rows) {
        const s = toNextStep(r);
        yield {
          uid: s.uid,
          id: s.id,
          person: ref(s.personId),
          text: s.text,
          why: s.why,
          due: formatInstant(s.due),
          status: s.status,
          createdAt: formatInstant(s.createdAt),
          doneAt: iso(s.doneAt),
        };
      }
  });
  await collection(sink, 'milestones', async function* () {
    for await (const rows of pages(ctx, 'milestones'))
      for (const r of rows) {
        const m = toMilestone(r);
        yield { uid: m.uid, id: m.id, person: ref(m.personId), text: m.text, on: m.on, yearly: m.yearly };
      }
  });
  // what the user decided and what imports must find again: a copy imports the same files the same way
  await collection(sink, 'distinctPeople', async function* () {
    const rows = await db.selectFrom('distinct_people').selectAll().where('workspace_id', '=', ws).execute();
    for (const r of rows)
      yield { a: ref(Number(r.person_a)), b: ref(Number(r.person_b)), createdAt: formatInstant(Number(r.created_at)) };
  });
  await collection(sink, 'possibleDuplicates', async function* () {
    const rows = await db.selectFrom('possible_duplicates').selectAll().where('workspace_id', '=', ws).execute();
    for (const r of rows)
      yield {
        a: ref(Number(r.person_a)),
        b: ref(Number(r.person_b)),
        reason: r.reason,
        createdAt: formatInstant(Number(r.created_at)),
      };
  });
  await collection(sink, 'personKeys', async function* () {
    const rows = await db.selectFrom('person_keys').selectAll().where('workspace_id', '=', ws).execute();
    for (const r of rows) yield { source: r.source, key: r.record_key, person: ref(Number(r.person_id)) };
  });
  await collection(sink, 'eventVersions', async function* () {
    const rows = await db.selectFrom('event_versions').selectAll().where('workspace_id', '=', ws).execute();
    for (const r of rows)
      yield {
        source: r.source,
        key: r.event_key,
        sequence: Number(r.sequence),
        modified: r.modified === null ? null : Number(r.modified),
        ...(Number(r.called_off) > 0 ? { calledOff: Number(r.called_off) } : {}),
        ...(Number(r.called_off) > 0 && r.called_off_from !== null ? { calledOffFrom: Number(r.called_off_from) } : {}),
        ...(r.expanded_to !== null ? { expandedTo: Number(r.expanded_to) } : {}),
        ...(r.declined_with !== null ? { declinedWith: JSON.parse(r.declined_with) } : {}),
      };
  });
  await collection(sink, 'eventAnswers', async function* () {
    const rows = await db.selectFrom('event_answers').selectAll().where('workspace_id', '=', ws).execute();
    for (const r of rows)
      yield {
        source: r.source,
        key: r.event_key,
        email: r.email,
        sequence: Number(r.sequence),
        stamp: Number(r.stamp),
        partstat: r.partstat,
      };
  });
  await collection(sink, 'replyKeys', async function* () {
    const rows = await db
      .selectFrom('reply_keys as r')
      .innerJoin('interactions as i', 'i.id', 'r.child_id')
      .select(['r.source', 'r.parent_key', 'i.uid'])
      .where('r.workspace_id', '=', ws)
      .execute();
    for (const r of rows) yield { source: r.source, key: r.parent_key, interaction: r.uid };
  });
  await collection(sink, 'pendingParticipants', async function* () {
    const rows = await db
      .selectFrom('pending_participants as p')
      .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
      .select(['p.email', 'i.uid'])
      .where('p.workspace_id', '=', ws)
      .orderBy('i.id')
      .orderBy('p.email')
      .execute();
    for (const r of rows) yield { email: r.email, interaction: r.uid };
  });
  // what the user took back (rapport remove): a later import of an older copy does not put it back
  await collection(sink, 'removedRecords', async function* () {
    const rows = await db.selectFrom('removed_records').selectAll().where('workspace_id', '=', ws).execute();
    for (const r of rows) yield { kind: r.kind, uid: r.uid, removedAt: formatInstant(Number(r.removed_at)) };
  });
  await collection(sink, 'keptAside', () => keptAsideRows(db, ws));
  await collection(sink, 'keptTabMail', () => keptTabRows(db, ws), true);
  await sink('}\n');
  return { people };
}

function personRecord(
  p: Person,
  name: { made: boolean; source: string | undefined },
  job: { source: string; at: number | undefined } | undefined,
) {
  return {
    uid: p.uid,
    id: p.id,
    name: p.name,
    ...(name.made ? { nameMade: true } : {}),
    ...(name.source !== undefined ? { nameSource: name.source } : {}),
    ...(job ? { jobSource: job.source } : {}),
    ...(job?.at !== undefined ? { jobAt: formatInstant(job.at) } : {}),
    emails: p.emails,
    phones: p.phones,
    org: p.org,
    title: p.title,
    linkedin: p.linkedin,
    tags: p.tags,
    met: p.met,
    birthday: p.birthday,
    wishlist: p.wishlist,
    notes: p.notes,
    tier: p.tier,
    goal: p.goal,
    cadenceDays: p.cadenceDays,
    stageOverride: p.stageOverride,
    stageSetAt: p.stageOverride && p.stageSetAt != null ? formatInstant(p.stageSetAt) : null,
    createdAt: formatInstant(p.createdAt),
    updatedAt: formatInstant(p.updatedAt),
  };
}

async function collection(sink: Sink, name: string, items: () => AsyncGenerator<unknown>, last = false) {
  await sink(`"${name}":[`);
  let first = true;
  for await (const item of items()) {
    await sink(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
    first = false;
  }
  await sink(last ? '\n]\n' : '\n],\n');
}

type Paged = 'exchanges' | 'needs' | 'offers' | 'next_steps' | 'milestones';

async function* pages<T extends Paged>(ctx: Context, table: T): AsyncGenerator<Selectable<Database[T]>[]> {
  let after = 0;
  for (;;) {
    // the tables share workspace_id and id; Kysely cannot type a query over a union of tables
    const rows = await ctx.store.db
      .selectFrom(table as 'needs')
      .selectAll()
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]?.id ?? after);
    yield rows as unknown as Selectable<Database[T]>[];
  }
}

/** vCard 4.0, one card per person, CRLF line endings and folding by ical.js. */
async function exportVcards(ctx: Context, sink: Sink): Promise<{ people: number }> {
  // ical.js folds after 75 octets and puts the space before the rest: a continuation line would
  // hold 76, over RFC 6350's 75
  ICAL.foldLength = 74;
  let people = 0;
  for await (const page of peoplePages(ctx)) {
    for (const p of page) {
      const card = new ICAL.Component('vcard');
      card.addPropertyWithValue('version', '4.0');
      // says who wrote it: a program that escapes commas inside values (see vcard.ts, CATEGORIES)
      card.addPropertyWithValue('prodid', '-//Rapport//Rapport vCard export//EN');
      card.addPropertyWithValue('uid', `urn:uuid:${p.uid}`);
      card.addPropertyWithValue('fn', p.name);
      // a name made of a phone number (a contact saved with nothing else) has no parts to give N
      const parts = /\p{L}/u.test(p.name) ? nameParts(p.name) : { family: '', given: '', suffix: '' };
      const n = new ICAL.Property('n');
      n.setValue([parts.family, parts.given, '', '', parts.suffix]);
      card.addProperty(n);
      for (const e of p.emails) card.addPropertyWithValue('email', e);
      for (const t of p.phones) card.addPropertyWithValue('tel', t);
      if (p.org) {
        // one component: a ; inside the name is escaped, not a unit's separator
        const org = new ICAL.Property('org');
        org.setValue([p.org]);
        card.addProperty(org);
      }
      if (p.title) card.addPropertyWithValue('title', p.title);
      if (p.linkedin) card.addPropertyWithValue('url', p.linkedin);
      if (p.birthday) card.addPropertyWithValue('bday', vcardDate(p.birthday));
      if (p.tags.length > 0) {
        const c = new ICAL.Property('categories');
        c.setValues([...p.tags]);
        card.addProperty(c);
      }
      if (p.notes) card.addPropertyWithValue('note', p.notes);
      // what Rapport keeps of the relationship, read back by its vCard import (other programs keep X- properties)
      if (p.met) {
        // text, escaped as text (ical.js leaves a property it does not know unescaped)
        const met = new ICAL.Property('x-rapport-met');
        met.resetType('text');
        met.setValue(p.met);
        card.addProperty(met);
      }
      if (p.tier) card.addPropertyWithValue('x-rapport-tier', p.tier);
      if (p.goal) card.addPropertyWithValue('x-rapport-goal', p.goal);
      if (p.cadenceDays !== null) card.addPropertyWithValue('x-rapport-cadence', String(p.cadenceDays));
      await sink(`${card.toString().replace(/\r?\n/g, '\r\n')}\r\n`);
      people++;
    }
  }
  return { people };
}

/** RFC 6350 basic format: 1985-04-12 → 19850412, --04-12 → --0412. */
function vcardDate(date: string): string {
  return date.startsWith('--') ? `--${date.slice(2).replace('-', '')}` : date.replace(/-/g, '');
}

/** One row per person with the relationship as of now; UTF-8 with a BOM so spreadsheets read accents. */
async function exportCsv(ctx: Context, sink: Sink): Promise<{ people: number }> {
  const header = [
    'id',
    'name',
    'emails',
    'phones',
    'org',
    'title',
    'linkedin',
    'tags',
    'tier',
    'goal',
    'cadence_days',
    'strength',
    'class',
    'stage',
    'last_interaction_at',
    'birthday',
    'met',
    'wishlist',
  ];
  // RFC 4180: records end in CRLF
  await sink(`\ufeff${stringify([header], { record_delimiter: 'windows' })}`);
  let people = 0;
  for await (const page of peoplePages(ctx)) {
    const evaluated = new Map(
      (
        await evaluatePeople(
          ctx,
          page.map((p) => p.id),
          ctx.now,
        )
      ).map((e) => [e.person.id, e]),
    );
    const rows = page.map((p) => {
      const e = evaluated.get(p.id);
      return spreadsheetSafe([
        p.id,
        p.name,
        p.emails.join(' '),
        p.phones.join('; '),
        p.org ?? '',
        p.title ?? '',
        p.linkedin ?? '',
        p.tags.join(', '),
        p.tier ?? '',
        p.goal ?? '',
        p.cadenceDays ?? '',
        e?.evaluated.strength ?? '',
        e?.evaluated.class ?? '',
        e?.evaluated.stage ?? '',
        iso(e?.summary.lastAt ?? null) ?? '',
        p.birthday ?? '',
        p.met ?? '',
        p.wishlist ? 'yes' : '',
      ]);
    });
    people += rows.length;
    await sink(stringify(rows, { record_delimiter: 'windows' }));
  }
  return { people };
}

/**
 * Cells a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return: "=HYPERLINK(…)", but also "+44 20 7946 0000") written behind an apostrophe, as OWASP
 * advises against CSV injection: the spreadsheet shows them as text.
 */
export function spreadsheetSafe(cells: readonly (string | number)[]): (string | number)[] {
  return cells.map((c) => (typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c));
}
