import { HOUR_MS } from '../../domain/time.js';
import { rhythm } from './archetypes/common.js';
import { introductionNote } from './ledger-notes.js';
import { CLIENT_TOPICS, PEER_TOPICS } from './notes.js';
import type { Rng } from './random.js';
import { Story } from './story.js';
import type { Cast, World } from './world.js';

/**
 * Interactions with several people at once, written after every history so that each one
 * knows when its people were around: client team meetings with a recap thread, meetings of
 * former colleagues, conferences, and introductions the user made. They give people in common.
 */
export function writeGroups(r: Rng, world: World): void {
  accountMeetings(r, world);
  teamMeetings(r, world);
  conferences(r, world);
  introductions(r, world);
}

function accountMeetings(r: Rng, world: World): void {
  for (const account of world.accounts) {
    if (account.members.length === 0) continue;
    const s = new Story(world.plan, r, account.key);
    for (const d of rhythm(r, account.since - r.between(10, 40), 2, 40, 90)) {
      const present = account.members.filter((m) => (world.cast[m]?.since ?? 0) >= d && r.chance(0.8));
      if (present.length === 0) continue;
      const meeting = s.live(s.day(d), r.chance(0.6) ? 'video' : 'meeting', {
        note: r.pick([
          `Quarterly business review with the ${account.org} team.`,
          `Workshop on ${r.pick(CLIENT_TOPICS)} with the ${account.org} team.`,
          `Steering group: ${r.pick(CLIENT_TOPICS)}.`,
        ]),
        with: present,
      });
      if (!r.chance(0.5)) continue;
      const recap = s.write(meeting.at + r.between(2, 6) * HOUR_MS, 'email', {
        note: 'Recap and next steps from today’s session.',
        direction: 'out',
        with: present,
      });
      const everyone = [account.key, ...present];
      const replier = r.pick(everyone);
      new Story(world.plan, r, replier).answer(recap, r.between(1, 30), {
        note: 'Thanks for the recap; adding two points from our side.',
        with: everyone.filter((p) => p !== replier),
      });
    }
  }
}

function teamMeetings(r: Rng, world: World): void {
  for (const team of world.teams) {
    const [first, ...rest] = team.members;
    if (first === undefined || rest.length === 0) continue;
    const s = new Story(world.plan, r, first);
    for (const d of rhythm(r, team.from - r.between(5, 30), team.to + 5, 25, 70))
      s.live(s.day(d), 'meeting', {
        note: r.pick([
          `Project sync at ${team.org}.`,
          'Team retrospective.',
          'Pitch rehearsal for a new client.',
          'Team lunch.',
        ]),
        with: rest.filter(() => r.chance(0.8)),
      });
  }
}

function conferences(r: Rng, world: World): void {
  for (const c of world.cast) {
    if ((c.key !== 'peer' && c.key !== 'advocate') || c.since === null || !r.chance(0.25)) continue;
    const since = c.since;
    const options = world.occasions.filter((o) => o.daysAgo <= since - 10);
    if (options.length > 0) r.pick(options).attendees.push(c.index);
  }
  for (const o of world.occasions) {
    const [first, ...rest] = o.attendees;
    if (first === undefined) continue;
    const s = new Story(world.plan, r, first);
    s.live(s.day(o.daysAgo), 'event', {
      note: `${o.name}: talks on ${r.pick(CLIENT_TOPICS)}, then dinner.`,
      with: rest,
    });
  }
}

/** The user introduces a client or peer to someone who can help: an email to both, and their answers. */
function introductions(r: Rng, world: World): void {
  const askers = world.cast.filter((c) => ['key-client', 'peer', 'advocate'].includes(c.key) && c.since !== null);
  const helpers = world.cast.filter((c) => c.offer !== undefined || c.key === 'peer' || c.key === 'advocate');
  const count = askers.length === 0 ? 0 : Math.max(1, Math.round(world.cast.length / 60));
  for (let k = 0; k < count; k++) {
    const a = r.pick(askers);
    const others = helpers.filter((h) => h.index !== a.index);
    if (others.length === 0) continue;
    const b = r.pick(others);
    const latest = Math.min(a.since ?? 0, b.since ?? 0, 400) - 5;
    if (latest < 6) continue;
    introduce(r, world, a, b, r.between(5, latest));
  }
}

function introduce(r: Rng, world: World, a: Cast, b: Cast, d: number): void {
  const nameOf = (c: Cast) => world.plan.people[c.index]?.input.name ?? 'them';
  const first = (c: Cast) => nameOf(c).split(' ')[0] ?? nameOf(c);
  const reason = b.offer ? b.offer.text.charAt(0).toLowerCase() + b.offer.text.slice(1) : r.pick(PEER_TOPICS);
  const sa = new Story(world.plan, r, a.index);
  const intro = sa.write(sa.day(d), 'email', {
    note: `Intro: ${first(a)}, meet ${first(b)} (${reason}).`,
    direction: 'out',
    with: [b.index],
  });
  if (!intro) return;
  new Story(world.plan, r, b.index).answer(intro, r.between(1, 30), {
    note: `Thanks for the intro! ${first(a)}, let’s find a time next week.`,
    with: [a.index],
  });
  sa.answer(intro, r.between(2, 48), { note: `Great to meet you, ${first(b)}.`, with: [b.index] });
  sa.give(intro.at, 'access', introductionNote(nameOf(b), reason), r.chance(0.6) ? r.between(3, 20) : null, b.index);
}
