import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { days, T0 } from '../../test/factories.js';
import { openTestDatabase, type TestDatabase } from '../../test/store.js';
import { formatDate } from '../domain/time.js';
import { loadSummaries } from '../store/summary.repository.js';
import { logInteraction } from './interactions.js';
import { acknowledge, recordExchange } from './ledger.js';
import { listPeople } from './list-people.js';
import { addNeed, addOffer } from './needs-offers.js';
import { addMilestone, addNextStep, finishNextStep } from './next-steps.js';
import { addPerson } from './people.js';
import { buildPortfolio } from './portfolio.js';
import { rescore } from './rescore.js';
import { showPerson } from './show-person.js';
import { buildToday } from './today.js';
import { personRowView } from './views.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase(T0);
});
afterEach(async () => {
  await t.close();
});

describe('a relationship kept in the store', () => {
  it('scores logged interactions and shows them with evidence', async () => {
    const ada = await addPerson(t.ctx, {
      name: 'Ada Lovelace',
      emails: ['Ada@Example.com'],
      tier: 'inner',
      goal: 'client',
    });
    for (const d of [150, 120, 90, 60, 30, 10]) {
      await logInteraction(t.at(T0 - days(d)), { people: ['ada@example.com'], channel: 'meeting' });
      await logInteraction(t.at(T0 - days(d - 2)), { people: ['Ada'], channel: 'email', direction: 'in' });
    }
    await recordExchange(t.ctx, {
      who: 'ada lovelace',
      direction: 'given',
      category: 'knowledge',
      note: 'pricing memo',
    });
    const shown = await showPerson(t.ctx, String(ada.id));
    expect(shown.evaluated.class).toBe('active');
    expect(shown.evaluated.stage).toBe('engaged');
    expect(shown.stats).toMatchObject({ interactions: 12, inbound: 6, mutual: 6, outbound: 0 });
    const sum = shown.evaluated.components.reduce((s, c) => s + c.contribution, 0);
    expect(Math.round(sum * 10)).toBe(Math.round(shown.evaluated.strength * 10));
    expect(shown.evaluated.flags).toContain('no-next-step');
  });

  it('shows a past day as it stood then: its rank, value not yet acknowledged and a step not yet done', async () => {
    const ann = await addPerson(t.ctx, { name: 'Ann', emails: ['ann@x.org'] });
    const bo = await addPerson(t.ctx, { name: 'Bo', emails: ['bo@x.org'] });
    const past = T0 - days(100);
    await logInteraction(t.at(past - days(10)), { people: ['ann@x.org'], channel: 'meeting' });
    // Bo: met far more, but only after the day replayed
    for (const d of [90, 60, 30, 20, 10])
      await logInteraction(t.at(T0 - days(d)), { people: ['bo@x.org'], channel: 'meeting' });
    const gift = await recordExchange(t.at(past - days(5)), {
      who: 'Ann',
      direction: 'given',
      category: 'knowledge',
      note: 'memo',
    });
    const step = await addNextStep(t.at(past - days(5)), { who: 'Ann', text: 'send the deck', due: past + days(3) });
    await acknowledge(t.at(past + days(20)), gift.id);
    await finishNextStep(t.at(past + days(20)), step.id);
    // Cy: met more than Ann before it, and once after
    await addPerson(t.ctx, { name: 'Cy', emails: ['cy@x.org'] });
    for (const d of [50, 40, 30])
      await logInteraction(t.at(past - days(d)), { people: ['cy@x.org'], channel: 'meeting' });
    await logInteraction(t.at(T0 - days(5)), { people: ['cy@x.org'], channel: 'meeting' });
    const then = await showPerson(t.at(past), String(ann.id));
    expect(then.layer?.rank).toBe(2);
    expect(then.exchanges.map((x) => x.acknowledgedAt)).toEqual([null]);
    expect(then.nextStep).toMatchObject({ status: 'open', doneAt: null });
    expect(then.nextSteps.map((x) => x.status)).toEqual(['open']);
    const today = await showPerson(t.ctx, String(ann.id));
    expect(today.layer?.rank).toBe(3);
    expect(today.exchanges.map((x) => x.acknowledgedAt)).toEqual([past + days(20)]);
    expect(today.nextStep).toBeNull();
    expect((await showPerson(t.ctx, String(bo.id))).layer?.rank).toBe(1);
  });

  it('matches needs and offers on a past day by the words recorded by then, not by those added since', async () => {
    const ann = await addPerson(t.ctx, { name: 'Ann', emails: ['ann@x.org'] });
    await logInteraction(t.ctx, { people: ['ann@x.org'], channel: 'meeting', at: T0 - days(40) });
    const then = { ...t.ctx, now: T0 - days(10) };
    await addNeed(then, String(ann.id), 'needs a finance head for the spring', true);
    await addOffer(then, { text: 'Introductions to finance leaders', category: 'access' });
    // other needs then, so that "finance" was a rare word among them
    for (const topic of ['a designer', 'office space', 'a lawyer', 'more sleep', 'a new laptop'])
      await addNeed(then, String(ann.id), `looking for ${topic}`, true);
    const before = (await buildToday(then)).map((i) => [i.action, i.priority, i.reason]);
    expect(before.map((i) => i[0])).toContain('offer-value');
    // recorded today: a word that was rare ten days ago is common now
    for (let i = 0; i < 3; i++) await addNeed(t.ctx, String(ann.id), `finance help ${i}`, true);
    await addOffer(t.ctx, { text: 'finance dashboards', category: 'knowledge' });
    expect((await buildToday(then)).map((i) => [i.action, i.priority, i.reason])).toEqual(before);
  });

  it('replays a past day without the people added since with nothing by then, nor the milestones recorded since', async () => {
    const then = t.at(T0 - days(3));
    await addPerson(then, { name: 'Old Friend', emails: ['old@x.org'] });
    await addPerson(t.ctx, { name: 'New Face', emails: ['new@x.org'] });
    await addPerson(t.ctx, { name: 'Met Before', emails: ['met@x.org'] });
    await logInteraction(t.at(T0 - days(5)), { people: ['met@x.org'], channel: 'call' });
    const names = async (ctx: typeof t.ctx) => (await listPeople(ctx, { sort: 'name' })).map((e) => e.person.name);
    expect(await names(then)).toEqual(['Met Before', 'Old Friend']);
    expect((await buildPortfolio(then)).people).toBe(2);
    expect(await names(t.ctx)).toEqual(['Met Before', 'New Face', 'Old Friend']);
    // a milestone two days after `then`, recorded only now
    await addMilestone(t.ctx, { who: 'old@x.org', text: 'New role', on: formatDate(T0 - days(1)), yearly: false });
    const celebrations = async (ctx: typeof t.ctx) =>
      (await buildToday(ctx)).filter((i) => i.action === 'celebrate').map((i) => i.personId);
    expect(await celebrations(then)).toEqual([]);
    expect(await celebrations(t.ctx)).toEqual([1]);
    expect((await showPerson(then, '1')).milestones).toEqual([]);
    expect((await showPerson(t.ctx, '1')).milestones.map((m) => m.text)).toEqual(['New role']);
  });

  it('shows on a past day someone who joined the network after it as not in it yet, saying how and when they joined', async () => {
    const then = t.at(T0 - days(60));
    await addPerson(t.ctx, { name: 'New Face', emails: ['new@x.org'] });
    await addPerson(t.ctx, { name: 'Gina Gold', met: `connected on LinkedIn on ${formatDate(T0 - days(20))}` });
    await addPerson(t.ctx, { name: 'Met Before', emails: ['met@x.org'] });
    await logInteraction(t.at(T0 - days(90)), { people: ['met@x.org'], channel: 'call' });
    expect((await showPerson(then, 'New Face')).joinedLater).toBe(`added on ${formatDate(T0)}`);
    expect((await showPerson(then, 'Gina Gold')).joinedLater).toBe(
      `connected on LinkedIn on ${formatDate(T0 - days(20))}`,
    );
    expect((await showPerson(then, 'Met Before')).joinedLater).toBeUndefined();
    expect((await showPerson(t.at(T0 - days(20)), 'Gina Gold')).joinedLater).toBeUndefined();
  });

  it('lists people by strength with the same numbers show gives', async () => {
    await addPerson(t.ctx, { name: 'Bo', emails: ['bo@x.org'] });
    await addPerson(t.ctx, { name: 'Cy', emails: ['cy@x.org'] });
    await logInteraction(t.at(T0 - days(3)), { people: ['bo@x.org'], channel: 'call' });
    await logInteraction(t.at(T0 - days(300)), { people: ['cy@x.org'], channel: 'call' });
    const top = await listPeople(t.ctx, { sort: 'strength', limit: 1 });
    expect(top.map((p) => p.person.name)).toEqual(['Bo']);
    const all = await listPeople(t.ctx, { sort: 'strength' });
    expect(all.map((p) => p.person.name)).toEqual(['Bo', 'Cy']);
    const bo = await showPerson(t.ctx, 'bo');
    expect(all[0]?.evaluated.strength).toBe(bo.evaluated.strength);
  });

  it('sorts by last contact, which bulk mail is not, and gives both last contact and last interaction', async () => {
    await addPerson(t.ctx, { name: 'Bo', emails: ['bo@x.org'] });
    await addPerson(t.ctx, { name: 'Cy', emails: ['cy@x.org'] });
    await logInteraction(t.at(T0 - days(30)), { people: ['bo@x.org'], channel: 'call' });
    await logInteraction(t.at(T0 - days(10)), { people: ['cy@x.org'], channel: 'call' });
    // an all-hands mail to Bo and eleven others yesterday: no contact
    const crowd = Array.from({ length: 11 }, (_, i) => `p${i}@x.org`);
    await logInteraction(t.at(T0 - days(1)), { people: ['bo@x.org', ...crowd], channel: 'email', direction: 'out' });
    const recent = await listPeople(t.ctx, { sort: 'recent', limit: 2 });
    expect(recent.map((p) => p.person.name)).toEqual(['Cy', 'Bo']);
    const bo = personRowView(recent[1] as (typeof recent)[number]);
    expect([bo.lastContactAt, bo.lastInteractionAt]).toEqual([
      new Date(T0 - days(30)).toISOString().replace('.000', ''),
      new Date(T0 - days(1)).toISOString().replace('.000', ''),
    ]);
  });

  it('keeps incremental summaries equal to a full rescore, back-dated events included', async () => {
    await addPerson(t.ctx, { name: 'Dee', emails: ['dee@x.org'] });
    await logInteraction(t.at(T0 - days(10)), { people: ['dee@x.org'], channel: 'email' });
    await logInteraction(t.at(T0 - days(200)), { people: ['dee@x.org'], channel: 'meeting' });
    await logInteraction(t.at(T0 - days(5)), { people: ['dee@x.org', 'eve@x.org'], channel: 'video' });
    const before = await loadSummaries(t.store.db, t.ctx.workspaceId, [1, 2]);
    await rescore(t.ctx);
    const after = await loadSummaries(t.store.db, t.ctx.workspaceId, [1, 2]);
    expect(after).toEqual(before);
  });
});
