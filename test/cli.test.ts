import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSession } from './cli.js';
import { PROJECT_ROOT } from './shared-data.js';

let cli: ReturnType<typeof cliSession>;
beforeEach(() => {
  cli = cliSession();
});
afterEach(() => cli.close());

describe('rapport CLI', () => {
  it('prints its version and exits 0', () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'rapport'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('stops quietly when the reader of its output goes away (rapport people | true)', () => {
    expect(cli.run(['add', 'Ada Lovelace', '--email', 'ada@example.org']).code).toBe(0);
    const bin = join(import.meta.dirname, '..', 'bin', 'rapport');
    for (const args of ['people', 'show ada@example.org', 'export --format json']) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --db "${cli.db}" ${args} | true`], {
        encoding: 'utf8',
      });
      expect(r.stderr, args).not.toMatch(/node:events|Unhandled|at \S+ \(/);
    }
  });

  it('says where it created the database on first use', () => {
    const r = cli.run(['people']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Created a new Rapport database at ${cli.db}`);
    expect(cli.run(['people']).stderr).toBe('');
  });

  it('folds the scores again, once, after an upgrade that left them out of date, and says so', () => {
    expect(cli.run(['add', 'Ada Lovelace', '--email', 'ada@example.com']).code).toBe(0);
    for (const at of ['2026-03-20', '2026-04-25', '2026-05-20'])
      expect(cli.run(['log', 'ada@example.com', '--channel', 'meeting', '--at', at]).code).toBe(0);
    const right = cli.run(['people', '--json']).stdout;
    // as a migration leaves a summary a newer release folds otherwise: out of date, and marked
    const raw = new Database(cli.db);
    raw.prepare('UPDATE summaries SET interactions = 0, int30 = 0, int180 = 0, strength_key = 0').run();
    raw
      .prepare("INSERT INTO workspace_settings (workspace_id, key, value) VALUES (1, 'summaries_stale', 'test')")
      .run();
    raw.close();
    const first = cli.run(['people', '--json']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /^Scores brought up to date after an upgrade: 1 relationship folded again from their events in [\d.]+ s\n$/,
    );
    expect(first.stdout).toBe(right);
    const again = cli.run(['people', '--json']);
    expect([again.stderr, again.stdout]).toEqual(['', right]);
  });

  it('leaves another program’s SQLite file untouched, naming it', () => {
    const foreign = join(cli.dir, 'notes.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.pragma('user_version = 3');
    other.close();
    const r = cli.run(['--db', foreign, 'people']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(foreign);
    expect(r.stderr).toMatch(/SQLite database of another program/);
    const after = new Database(foreign, { readonly: true });
    try {
      expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(after.pragma('user_version', { simple: true })).toBe(3);
      expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 1 });
    } finally {
      after.close();
    }
  });

  it('reads a leading ~ in --db=… and RAPPORT_DB as the home folder', () => {
    expect(cli.run(['--db=~/home.db', 'people'], { HOME: cli.dir }).code).toBe(0);
    expect(existsSync(join(cli.dir, 'home.db'))).toBe(true);
  });

  it('adds, logs and shows a relationship with the contract’s JSON shapes', () => {
    const added = cli.run(['add', 'Ada Lovelace', '--email', 'Ada@Example.com', '--tier', 'inner', '--goal', 'client']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added person 1: Ada Lovelace/);
    for (const at of ['2026-01-10', '2026-02-14', '2026-03-20', '2026-04-25', '2026-05-20'])
      expect(cli.run(['log', 'ada@example.com', '--channel', 'meeting', '--at', at]).code).toBe(0);
    expect(
      cli.run(['log', 'Ada', '--channel', 'email', '--direction', 'in', '--at', '2026-05-25', '--note', 'numbers'])
        .stdout,
    ).toMatch(/^Logged interaction 6: email with Ada Lovelace at 2026-05-25T00:00:00Z/);

    const people = cli.run(['people', '--json']).json<Record<string, unknown>[]>();
    expect(people).toHaveLength(1);
    expect(Object.keys(people[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'emails',
        'org',
        'title',
        'strength',
        'class',
        'stage',
        'lastInteractionAt',
      ]),
    );
    expect(people[0]).toMatchObject({
      id: 1,
      name: 'Ada Lovelace',
      emails: ['ada@example.com'],
      class: 'active',
      lastInteractionAt: '2026-05-25T00:00:00Z',
    });

    const show = cli
      .run(['show', 'ADA@example.com', '--json'])
      .json<Record<string, unknown> & { components: Record<string, unknown>[]; stats: Record<string, unknown> }>();
    expect(Object.keys(show)).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'emails',
        'org',
        'title',
        'strength',
        'class',
        'stage',
        'components',
        'flags',
        'stats',
        'nextStep',
        'needs',
        'exchanges',
      ]),
    );
    expect(Object.keys(show.components[0] ?? {})).toEqual(['key', 'value', 'weight', 'contribution', 'evidence']);
    expect(Object.keys(show.stats)).toEqual([
      'interactions',
      'inbound',
      'outbound',
      'mutual',
      'firstInteractionAt',
      'lastInteractionAt',
      'replies',
      'replyLatencyMedianHours',
      'repliedWithin24hShare',
      'repliesToBulk',
    ]);
    expect(show.stats).toMatchObject({ interactions: 6, inbound: 1, outbound: 0, mutual: 5 });
    expect(show.flags).toContain('no-next-step');
    expect(show.strength).toBe(people[0]?.strength);
    const sum = show.components.reduce((s, c) => s + Math.round(Number(c.contribution) * 10), 0);
    expect(sum).toBe(Math.round(Number(show.strength) * 10));
  });

  it('records the ledger, needs, offers, next steps and milestones, printing what it created', () => {
    cli.run(['add', 'Bo Chen', '--email', 'bo@x.org']);
    cli.run(['add', 'Cy Diaz', '--email', 'cy@x.org']);
    expect(
      cli.run([
        'give',
        'bo',
        '--category',
        'access',
        '--note',
        'intro to Cy',
        '--introduced',
        'cy',
        '--impact',
        'a design partner',
      ]).stdout,
    ).toMatch(/^Recorded exchange 1: gave access/);
    expect(cli.run(['receive', 'bo', '--category', 'knowledge', '--note', 'market map']).stdout).toMatch(
      /^Recorded exchange 2: received knowledge/,
    );
    expect(cli.run(['ack', '1']).stdout).toMatch(/^Exchange 1 acknowledged/);
    expect(cli.run(['need', 'bo', 'hiring a fractional CFO', '--unmet']).stdout).toMatch(
      /^Added need 1: hiring a fractional CFO/,
    );
    expect(cli.run(['offer', 'CFO search network', '--category', 'access', '--tags', 'hiring,finance']).stdout).toMatch(
      /^Added offer 1/,
    );
    expect(cli.run(['next', 'bo', 'send the shortlist', '--due', '2026-06-10']).stdout).toMatch(
      /^Added next step 1: send the shortlist \(due 2026-06-10\)/,
    );
    expect(cli.run(['milestone', 'bo', 'company anniversary', '--on', '2020-06-03', '--yearly']).stdout).toMatch(
      /^Added milestone 1/,
    );
    const show = cli
      .run(['show', 'bo', '--json'])
      .json<{ nextStep: { text: string }; needs: unknown[]; exchanges: { acknowledged: boolean }[] }>();
    expect(show.nextStep.text).toBe('send the shortlist');
    expect(show.needs).toHaveLength(1);
    expect(show.exchanges.map((x) => x.acknowledged).sort()).toEqual([false, true]);
    expect(cli.run(['done', '1']).stdout).toMatch(/^Next step 1 done/);

    const today = cli
      .run(['today', '--json'])
      .json<{ personId: number; action: string; reason: string; priority: number }[]>();
    const actions = today.map((t) => t.action);
    expect(actions).toEqual(expect.arrayContaining(['offer-value', 'celebrate']));
    const offer = today.find((t) => t.action === 'offer-value');
    expect(offer?.reason).toContain('matched: hiring, cfo');
    for (const t of today) expect(t.priority).toBeGreaterThanOrEqual(0);
  });

  it('removes what was recorded by mistake, printing what it removed, and refuses what it does not hold', () => {
    cli.run(['add', 'Bo Chen', '--email', 'bo@x.org']);
    expect(cli.run(['log', 'bo', '--channel', 'call', '--at', '2026-05-01']).stdout).toMatch(/^Logged interaction 1:/);
    expect(cli.run(['show', 'bo']).stdout).toMatch(/ #1\n/);
    const removed = cli.run(['remove', 'interaction', '1']);
    expect([removed.code, removed.stdout]).toEqual([
      0,
      'Removed interaction 1: call with Bo Chen at 2026-05-01T00:00:00Z\n',
    ]);
    expect(cli.run(['show', 'bo', '--json']).json<{ stats: { interactions: number } }>().stats.interactions).toBe(0);
    cli.run(['give', 'bo', '--category', 'time', '--note', 'a review']);
    expect(cli.run(['remove', 'exchange', '1', '--json']).json()).toMatchObject({
      kind: 'exchange',
      removed: { id: 1, personId: 1, direction: 'given', category: 'time', note: 'a review' },
    });
    cli.run(['milestone', 'bo', 'company anniversary', '--on', '2020-06-03']);
    expect(cli.run(['remove', 'milestone', '1']).stdout).toBe(
      'Removed milestone 1 of Bo Chen: company anniversary on 2020-06-03\n',
    );
    const again = cli.run(['remove', 'interaction', '1']);
    expect([again.code, again.stderr]).toEqual([2, 'error: no interaction with id 1\n']);
    const kind = cli.run(['remove', 'person', '1']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain("'person' is invalid");
    // the id of the interaction removed is not given again
    expect(cli.run(['log', 'bo', '--channel', 'call', '--at', '2026-05-02']).stdout).toMatch(/^Logged interaction 2:/);
    // an id past 2^53 would be read as another
    const huge = cli.run(['remove', 'interaction', '9007199254740993']);
    expect([huge.code, huge.stderr]).toEqual([
      2,
      "error: command-argument value '9007199254740993' is invalid for argument 'id'. \"9007199254740993\" is no id: it is too large\n(run with --help for usage)\n",
    ]);
  });

  it('keeps ids and what was removed through a JSON copy: no id given twice, nothing removed put back', () => {
    cli.run(['add', 'Ann']);
    for (const day of ['01', '02', '03']) cli.run(['log', 'ann', '--channel', 'call', '--at', `2026-05-${day}`]);
    cli.run(['need', 'ann', 'a designer']);
    cli.run(['need', 'ann', 'a typo']);
    cli.run(['remove', 'interaction', '1']);
    cli.run(['remove', 'interaction', '3']);
    cli.run(['remove', 'need', '2']);
    const file = join(cli.dir, 'copy.json');
    cli.run(['export', '--out', file]);
    const other = cliSession();
    try {
      expect(other.run(['import', 'json', file, '--json']).json()).toMatchObject({
        interactions: { created: 1 },
        needs: { created: 1 },
      });
      // the same ids as in the copy, and none removed there given again
      expect(
        other.run(['show', 'ann', '--json']).json<{ recentInteractions: { id: number }[] }>().recentInteractions,
      ).toEqual([expect.objectContaining({ id: 2 })]);
      expect(other.run(['log', 'ann', '--channel', 'call', '--at', '2026-05-04']).stdout).toMatch(
        /^Logged interaction 4:/,
      );
      expect(other.run(['need', 'ann', 'an editor']).stdout).toMatch(/^Added need 3:/);
      // removed here, then the copy imported again: it stays removed
      other.run(['remove', 'interaction', '2']);
      const again = other
        .run(['import', 'json', file, '--json'])
        .json<{ interactions: { created: number }; skipped: Record<string, number> }>();
      expect(again.interactions.created).toBe(0);
      expect(again.skipped.removed).toBe(1);
    } finally {
      other.close();
    }
  });

  it('lists every id remove may need: an interaction of long ago, each open step, the user’s own offers', () => {
    cli.run(['add', 'Bo Chen', '--email', 'bo@x.org']);
    cli.run(['log', 'bo', '--channel', 'call', '--at', '2024-02-01', '--note', 'the wrong year']);
    for (let day = 10; day < 22; day++) cli.run(['log', 'bo', '--channel', 'email', '--at', `2026-05-${day}`]);
    const shown = cli.run(['show', 'bo']).stdout;
    expect(shown).not.toContain('the wrong year');
    expect(shown).toContain('… 3 earlier: rapport show 1 --all lists every one');
    expect(cli.run(['show', 'bo', '--all']).stdout).toMatch(/2024-02-01 {2}call .*the wrong year #1\n/);
    expect(
      cli.run(['show', 'bo', '--all', '--json']).json<{ recentInteractions: unknown[] }>().recentInteractions,
    ).toHaveLength(13);
    cli.run(['next', 'bo', 'send the deck', '--due', '2026-06-10']);
    cli.run(['next', 'bo', 'book the workshop', '--due', '2026-06-20']);
    expect(cli.run(['show', 'bo']).stdout).toMatch(
      /next step: send the deck \(due 2026-06-10, #1\)\n {2}then: book the workshop \(due 2026-06-20\) #2\n/,
    );
    expect(cli.run(['offers']).stdout).toBe('No offers of yours yet: rapport offer TEXT --category … adds one.\n');
    cli.run(['offer', 'Pricing reviews', '--category', 'knowledge', '--tags', 'pricing,saas']);
    cli.run(['offer', 'Intros to investors', '--category', 'access', '--by', 'bo']);
    expect(cli.run(['offers', '--json']).json()).toEqual([
      { id: 1, personId: null, text: 'Pricing reviews', category: 'knowledge', tags: ['pricing', 'saas'] },
    ]);
  });

  it('shows who started each interaction, counting a meeting and a message from someone else together', () => {
    cli.run(['add', 'Dee', '--email', 'dee@x.org']);
    cli.run(['log', 'dee', '--channel', 'call', '--at', '2026-05-01']);
    cli.run(['log', 'dee', '--channel', 'email', '--direction', 'in', '--at', '2026-05-02']);
    cli.run(['log', 'dee', '--channel', 'email', '--at', '2026-05-03']);
    expect(cli.run(['show', 'dee']).stdout).toContain(
      '3 interactions (1 from you, 1 from them, 1 together or from someone else), first 2026-05-01',
    );
  });

  it('replays the past with --now: later events are ignored', () => {
    cli.run(['add', 'Dee', '--email', 'dee@x.org']);
    cli.run(['log', 'dee', '--channel', 'call', '--at', '2026-05-01']);
    const then = cli
      .run(['--now', '2026-04-01', 'show', 'dee', '--json'])
      .json<{ stats: { interactions: number }; strength: number }>();
    expect(then.stats.interactions).toBe(0);
    expect(then.strength).toBe(0);
    // added after that day: people leaves them out, show says why
    expect(then).toMatchObject({ inNetwork: false, joinedLater: 'added on 2026-06-01' });
    expect(cli.run(['--now', '2026-04-01', 'people']).stdout).not.toContain('Dee');
    expect(cli.run(['--now', '2026-04-01', 'show', 'dee']).stdout).toContain(
      'not in your network yet on this day: added on 2026-06-01 (people, today and portfolio leave them out)',
    );
    expect(cli.run(['show', 'dee', '--json']).json()).toMatchObject({ inNetwork: true, joinedLater: null });
  });

  it('shows a stage set by hand from the day it was set on, in a replay and in a JSON copy', () => {
    cli.run(['add', 'Dee', '--email', 'dee@x.org']);
    for (const at of ['2026-03-01', '2026-04-01', '2026-05-01'])
      cli.run(['log', 'dee', '--channel', 'meeting', '--at', at]);
    expect(cli.run(['--now', '2026-05-20', 'edit', 'dee', '--stage', 'advocate']).code).toBe(0);
    const stage = (now: string, session = cli) =>
      session.run(['--now', now, 'show', 'dee', '--json']).json<{ stage: string; stageOverridden: boolean }>();
    expect(stage('2026-05-10')).toMatchObject({ stage: 'engaged', stageOverridden: false });
    expect(stage('2026-05-20')).toMatchObject({ stage: 'advocate', stageOverridden: true });
    const file = join(cli.dir, 'copy.json');
    cli.run(['export', '--out', file]);
    const other = cliSession();
    try {
      other.run(['import', 'json', file]);
      expect(stage('2026-05-10', other).stage).toBe('engaged');
      expect(stage('2026-06-01', other).stage).toBe('advocate');
    } finally {
      other.close();
    }
  });

  it('says when a person added shares their name with someone, and when no one matches a filter', () => {
    cli.run(['add', 'Fu Lin']);
    const second = cli.run(['add', 'fu lin']);
    expect(second.stdout).toBe('Added person 2: fu lin\n');
    expect(second.stderr).toMatch(
      /^Also named fu lin: 1; name them by id or email from now on \(rapport merge 1 2 if they are one person\)/,
    );
    expect(cli.run(['people', '--class', 'active', '--stage', 'trusted']).stdout).toBe(
      'No one is active and at stage trusted as of 2026-06-01.\n',
    );
  });

  it('reads times in the ISO 8601 basic format as well as the extended one', () => {
    cli.run(['add', 'Dee', '--email', 'dee@x.org']);
    expect(cli.run(['log', 'dee', '--channel', 'call', '--at', '20260501T093000+0200']).code).toBe(0);
    const shown = cli
      .run(['--now', '20260502', 'show', 'dee', '--json'])
      .json<{ stats: { lastInteractionAt: string } }>();
    expect(shown.stats.lastInteractionAt).toBe('2026-05-01T07:30:00Z');
  });

  it('exits 2 with one clear line for a bad flag, a bad date, an unknown or an ambiguous person', () => {
    cli.run(['add', 'Ann Lee']);
    cli.run(['add', 'Ann Park']);
    const cases: [string[], RegExp][] = [
      [['log', 'ann lee', '--channel', 'carrier-pigeon'], /Allowed choices are/],
      [['log', 'ann lee', '--channel', 'call', '--at', '2026-02-30'], /not a valid time/],
      [['show', 'nobody'], /no person matches "nobody"/],
      [['show', 'ann'], /matches several people: Ann Lee \(1\), Ann Park \(2\)/],
      [['done', '42'], /no next step with id 42/],
      [['people', '--bogus'], /unknown option/],
      [['help', 'nonexist'], /^error: unknown command 'nonexist' \(rapport --help lists them\)\n$/],
      [['people', '--limit', '0'], /"0" is not a positive whole number/],
      [
        ['log', 'ann lee', '--channel', 'call', '--at', '2027-03-01'],
        /^error: 2027-03-01T00:00:00Z is after now \(2026-06-01T12:00:00Z\): an interaction logged is something that happened; a plan is a next step \(rapport next\)\n$/,
      ],
      [['give', 'ann lee', '--category', 'time', '--note', 'x', '--at', '2026-06-02'], /is after now/],
      [
        ['offer', 'Intros', '--category', 'access', '--by', ' '],
        /a person is named by an id, an email or a name; got nothing/,
      ],
      [['edit', 'ann lee'], /^error: nothing to change for Ann Lee \(1\): give what changes/],
      [['people', '--class', 'dormant', '--limit', 'x'], /"x" is not a positive whole number/],
      [['today', '--limit', '0'], /"0" is not a positive whole number/],
      // checked in the command's action, not by an option parser
      [['add', 'Bob', '--cadence', '-5'], /^error: "-5" is not a positive whole number\n$/],
      [['edit', 'ann lee', '--cadence', 'abc'], /^error: "abc" is not a positive whole number\n$/],
    ];
    for (const [args, message] of cases) {
      const r = cli.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('stores what the user types without control characters, so no escape sequence reaches a terminal', () => {
    const evil = 'Evil\x1b[31mRed\x1b[0m\x1b]0;pwned\x07';
    expect(cli.run(['add', evil, '--org', 'Org\x1b[2J', '--tag', 'x\ry']).code).toBe(0);
    cli.run(['log', '1', '--channel', 'email', '--note', 'a \x1b[5mblink\x1b[0m \r overwrite']);
    cli.run(['need', '1', 'need\x1b[31m it']);
    cli.run(['offer', 'off\x1b[31mer', '--category', 'time']);
    cli.run(['next', '1', 'call\x07 back', '--due', '2026-07-01']);
    cli.run(['give', '1', '--category', 'knowledge', '--note', 'notes\x1b[1m']);
    const printed = ['people', 'show 1', 'today'].map((c) => cli.run(c.split(' ')).stdout).join('');
    expect(printed).toContain('Evil[31mRed');
    // no control character but the line ends
    expect(printed).not.toMatch(/(?!\n)\p{Cc}/u);
    const shown = cli.run(['show', '1', '--json']).json<{ name: string; org: string; tags: string[] }>();
    // the escape character is gone, and with it what the terminal would have done
    expect(shown).toMatchObject({ name: 'Evil[31mRed[0m]0;pwned', org: 'Org[2J', tags: ['x y'] });
  });

  it('refuses a file that is not Rapport JSON with exit 3 and writes nothing', () => {
    const bad = join(cli.dir, 'bad.json');
    writeFileSync(bad, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x7b]));
    const r = cli.run(['import', 'json', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(bad);
    // a Rapport export whose shape is wrong names the field at fault
    const shape = join(cli.dir, 'shape.json');
    writeFileSync(shape, '{"format":"rapport","version":1,"people":null}');
    const s = cli.run(['import', 'json', shape]);
    expect([s.code, s.stderr.trim()]).toEqual([
      3,
      `error: ${shape} is not a readable Rapport export: "people" should be an array`,
    ]);
    expect(cli.run(['people', '--json']).json()).toEqual([]);
  });

  it('exports to standard output for --out -, and leaves no file behind when the export fails', () => {
    cli.run(['add', 'Eve Stone', '--email', 'eve@x.org']);
    const r = cli.run(['export', '--out', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).people.map((p: { name: string }) => p.name)).toEqual(['Eve Stone']);
    expect(existsSync(join(cli.dir, '-'))).toBe(false);
    expect(existsSync('-')).toBe(false);
    const missing = join(cli.dir, 'no-such-folder', 'export.json');
    const failed = cli.run(['export', '--out', missing]);
    expect([failed.code, failed.stderr.trim()]).toEqual([
      2,
      `error: ${missing} cannot be written: its folder does not exist`,
    ]);
    const folder = cli.run(['export', '--format', 'vcard', '--out', cli.dir]);
    expect([folder.code, folder.stderr.trim()]).toEqual([
      2,
      `error: ${cli.dir} is a folder: give the file to write (--out ${join(cli.dir, 'rapport.vcf')})`,
    ]);
    // a file there before is replaced whole, and nothing partial is left beside it
    const kept = join(cli.dir, 'kept.json');
    writeFileSync(kept, 'before');
    expect(cli.run(['export', '--out', kept]).code).toBe(0);
    expect(JSON.parse(readFileSync(kept, 'utf8')).people).toHaveLength(1);
    expect(readdirSync(cli.dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('never lets an export replace a database, and refuses empty paths instead of guessing', () => {
    cli.run(['add', 'Eve Stone', '--email', 'eve@x.org']);
    const itself = cli.run(['export', '--out', cli.db]);
    expect([itself.code, itself.stderr.trim()]).toEqual([
      2,
      `error: ${cli.db} is the database in use: give another file to write`,
    ]);
    const other = join(cli.dir, 'other.db');
    copyFileSync(cli.db, other);
    const copy = cli.run(['export', '--format', 'csv', '--out', other]);
    expect([copy.code, copy.stderr.trim()]).toEqual([
      2,
      `error: ${other} is a database: an export does not replace one; give another file to write`,
    ]);
    expect(cli.run(['people', '--json']).json<unknown[]>()).toHaveLength(1);
    expect(cli.run(['export', '--out', '']).code).toBe(2);
    expect(cli.run(['import', 'json', '']).stderr.trim()).toBe(
      'error: a file name given to import is empty (an unset variable?)',
    );
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'rapport'), '--db', '', 'people'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DATABASE_URL: '' },
    });
    expect([r.status, r.stderr.trim()]).toEqual([
      2,
      'error: --db is empty: give the database file (or leave --db out for the default)',
    ]);
  });

  it('skips, saying so, a second person record with the uid of another in the same file', () => {
    cli.run(['add', 'Eve Stone', '--email', 'eve@x.org']);
    const doc = JSON.parse(cli.run(['export']).stdout);
    doc.people.push({ ...doc.people[0], name: 'Other Name', emails: ['other@x.org'] });
    const file = join(cli.dir, 'twice.json');
    writeFileSync(file, JSON.stringify(doc));
    const other = cliSession();
    try {
      const r = other.run(['import', 'json', file, '--json']).json<{ issues: { code: string }[] }>();
      expect(r.issues.map((i) => i.code)).toEqual(['duplicate_uid']);
      const people = other.run(['people', '--json']).json<{ name: string; emails: string[] }[]>();
      expect(people.map((p) => [p.name, p.emails])).toEqual([['Eve Stone', ['eve@x.org']]]);
    } finally {
      other.close();
    }
  });

  it('imports json keeping a person without a bad field, and never merges two names over one address', () => {
    cli.run(['add', 'Eve Stone', '--email', 'eve@x.org']);
    cli.run(['add', 'Bob Ray', '--email', 'bob@x.org']);
    cli.run(['log', 'eve', '--channel', 'meeting', '--at', '2026-05-02']);
    const file = join(cli.dir, 'export.json');
    expect(cli.run(['export', '--out', file]).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const eve = doc.people.find((p: { name: string }) => p.name === 'Eve Stone');
    eve.birthday = '1985-13-45';
    eve.emails.push('not-an-email');
    const bob = doc.people.find((p: { name: string }) => p.name === 'Bob Ray');
    doc.people.push({
      ...bob,
      uid: '01a22df1-b051-7000-8000-000000000001',
      id: undefined,
      name: 'John Doe',
      emails: ['BOB@x.org'],
    });
    // a file edited by hand: a person whose name was made from an address, with Eve's address
    doc.people.push({
      ...eve,
      uid: '01a22df1-b051-7000-8000-000000000002',
      id: undefined,
      name: 'Evie',
      nameMade: true,
      emails: ['eve@x.org'],
    });
    writeFileSync(file, JSON.stringify(doc));
    const other = cliSession();
    try {
      const r = other.run(['import', 'json', file, '--json']);
      expect(r.code).toBe(0);
      const report = r.json<{
        people: { created: number };
        interactions: { created: number };
        issues: { record: string; code: string; message: string }[];
      }>();
      expect(report.people.created).toBe(4);
      expect(report.interactions.created).toBe(1);
      expect(report.issues.map((i) => [i.code, i.message])).toEqual(
        expect.arrayContaining([
          ['invalid_field', expect.stringMatching(/^birthday: .*; kept without it$/)],
          ['invalid_field', 'emails: "not-an-email" is not an email address; kept without it'],
        ]),
      );
      const names = other
        .run(['people', '--json'])
        .json<{ name: string }[]>()
        .map((p) => p.name);
      expect(names.sort()).toEqual(['Bob Ray', 'Eve Stone', 'Evie', 'John Doe']);
      expect(other.run(['show', 'bob@x.org', '--json']).json<{ name: string }>().name).toBe('Bob Ray');
      expect(other.run(['duplicates']).stdout).toMatch(/John Doe/);
    } finally {
      other.close();
    }
  });

  it('writes no colour codes into standard error sent to a file while standard output is a terminal', () => {
    const file = join(cli.dir, 'card.vcf');
    writeFileSync(file, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:not an address\r\nEND:VCARD\r\n');
    const err = join(cli.dir, 'err.txt');
    const bin = join(PROJECT_ROOT, 'bin', 'rapport');
    const quote = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, bin, '--db', join(cli.dir, 'tty.db'), 'import', 'vcard', file]
      .map(quote)
      .join(' ');
    const { NO_COLOR: _n, FORCE_COLOR: _f, CI: _c, ...env } = process.env;
    // script(1) gives the command a terminal for standard output
    const r = spawnSync('script', ['-qec', `${command} 2> ${quote(err)}`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...env, TERM: 'xterm-256color' },
    });
    expect(r.status).toBe(0);
    const text = readFileSync(err, 'utf8');
    expect(text).toMatch(/not an address/);
    expect(text).not.toContain('\u001b[');
  });

  it('counts a person of a JSON copy given twice in one command once, and says so once for the second', () => {
    cli.run(['add', 'Eve Stone', '--email', 'eve@x.org']);
    cli.run(['add', 'Bob Ray', '--email', 'bob@x.org']);
    const file = join(cli.dir, 'copy.json');
    expect(cli.run(['export', '--out', file]).code).toBe(0);
    const other = cliSession();
    try {
      const r = other.run(['import', 'json', file, file, '--json']).json<{
        people: { created: number; matched: number };
        issues: { code: string; message: string }[];
      }>();
      expect(r.people).toEqual({ created: 2, matched: 0 });
      expect(r.issues.map((i) => [i.code, i.message])).toEqual([
        [
          'same_contact',
          'this person and 1 later one are people an earlier file of this import already gave; each was taken as that person, not added again',
        ],
      ]);
      // in a command of its own, the copy matches them
      expect(other.run(['import', 'json', file, '--json']).json<{ people: unknown }>().people).toEqual({
        created: 0,
        matched: 2,
      });
    } finally {
      other.close();
    }
  });

  it('names a bad JSON record by its place in the file, and keeps a meeting without a person the file skipped', () => {
    cli.run(['add', 'Eve Stone', '--email', 'eve@x.org']);
    cli.run(['add', 'Bob Ray', '--email', 'bob@x.org']);
    cli.run(['log', 'bob', '--channel', 'call', '--at', '2026-05-01']);
    cli.run(['log', 'eve', 'bob', '--channel', 'meeting', '--at', '2026-05-02']);
    cli.run(['log', 'eve', '--channel', 'email', '--at', '2026-05-03']);
    cli.run(['give', 'eve', '--category', 'talent', '--note', 'reviewed deck']);
    cli.run(['need', 'eve', 'a designer']);
    const doc = JSON.parse(cli.run(['export']).stdout);
    const at = (day: string) => doc.interactions.findIndex((i: { at: string }) => i.at.startsWith(day));
    expect([at('2026-05-01'), at('2026-05-02'), at('2026-05-03')]).toEqual([0, 1, 2]);
    // the first interaction is damaged, and Eve's record has no name: it is skipped
    doc.interactions[0].at = 'not a date';
    const eve = doc.people.find((p: { name: string }) => p.name === 'Eve Stone');
    delete eve.name;
    const file = join(cli.dir, 'damaged.json');
    writeFileSync(file, JSON.stringify(doc));
    const other = cliSession();
    try {
      const r = other.run(['import', 'json', file, '--json']).json<{
        interactions: { created: number };
        exchanges: { created: number };
        needs: { created: number };
        skipped: Record<string, number>;
        issues: { record: string; code: string; message: string; dropped?: boolean }[];
      }>();
      const issues = r.issues.map((i) => [i.record, i.code, i.dropped === true]);
      expect(issues).toEqual([
        [expect.stringMatching(/^people\[\d\]$/), 'invalid_record', true],
        ['interactions[0]', 'invalid_record', true],
        ['interactions[1]', 'unknown_person', false],
        ['interactions[2]', 'unknown_person', true],
        ['exchanges[0]', 'unknown_person', true],
        ['needs[0]', 'unknown_person', true],
      ]);
      // said in words, not in the validator's
      expect([r.issues[0]?.message, r.issues[1]?.message]).toEqual([
        'name is missing; skipped',
        'at: not an ISO 8601 time; skipped',
      ]);
      expect(r.issues[2]?.message).toMatch(/; the interaction is kept with the other person in it$/);
      expect(r.issues[3]?.message).toMatch(/; the interaction is left out: nobody else the file gives is in it$/);
      expect(r.issues[4]?.message).toMatch(/; the record is left out$/);
      // every record left out is counted: Eve, the damaged call, her message, her exchange and her need
      expect(r.skipped).toEqual({ bad_record: 5 });
      expect([r.interactions.created, r.exchanges.created, r.needs.created]).toEqual([1, 0, 0]);
      const bob = other.run(['show', 'bob@x.org', '--json']).json<{ stats: { interactions: number } }>();
      expect(bob.stats.interactions).toBe(1);
    } finally {
      other.close();
    }
  });

  it('round-trips a workspace through export and import json, and a re-import changes nothing', () => {
    cli.run([
      'add',
      'Eve Stone',
      '--email',
      'eve@x.org',
      '--tier',
      'cultivate',
      '--birthday',
      '1990-02-03',
      '--tag',
      'design',
    ]);
    cli.run([
      'log',
      'eve',
      'fay@x.org',
      '--channel',
      'meeting',
      '--at',
      '2026-05-02',
      '--note',
      'kickoff, “quotes” & ünïcödé',
    ]);
    cli.run(['give', 'eve', '--category', 'talent', '--note', 'reviewed deck']);
    cli.run(['need', 'eve', 'a designer']);
    cli.run(['offer', 'design reviews', '--category', 'talent', '--by', 'fay']);
    cli.run(['next', 'eve', 'demo', '--due', '2026-06-20', '--why', 'she asked']);
    cli.run(['milestone', 'eve', 'launch', '--on', '2026-06-15']);
    const file = join(cli.dir, 'export.json');
    expect(cli.run(['export', '--out', file]).code).toBe(0);

    const other = cliSession();
    try {
      const report = other
        .run(['import', 'json', file, '--json'])
        .json<{ people: { created: number }; interactions: { created: number }; issues: unknown[] }>();
      expect(report).toMatchObject({
        format: 'json',
        people: { created: 2, matched: 0 },
        interactions: { created: 1, duplicates: 0 },
        issues: [],
      });
      const again = other.run(['import', 'json', file, '--json']).json();
      expect(again).toMatchObject({ people: { created: 0, matched: 2 }, interactions: { created: 0, duplicates: 1 } });
      const second = join(other.dir, 'export.json');
      other.run(['export', '--out', second]);
      const strip = (text: string) => JSON.parse(text.replace(/"exportedAt":"[^"]*",/, ''));
      expect(strip(readFileSync(second, 'utf8'))).toEqual(strip(readFileSync(file, 'utf8')));
    } finally {
      other.close();
    }
  });

  it('keeps people’s ids in a copy restored from JSON, where they are free', () => {
    cli.run(['add', 'Kim Lee', '--email', 'kim@a.example']);
    cli.run(['add', 'Kim Lee', '--email', 'kim@b.example']);
    cli.run(['add', 'Jo Park', '--email', 'jo@x.example']);
    cli.run(['merge', '1', '2']);
    const file = join(cli.dir, 'export.json');
    expect(cli.run(['export', '--out', file]).code).toBe(0);
    const copy = cliSession();
    try {
      expect(copy.run(['import', 'json', file]).code).toBe(0);
      expect(copy.run(['show', '3', '--json']).json<{ name: string }>().name).toBe('Jo Park');
      expect(copy.run(['show', '1', '--json']).json<{ emails: string[] }>().emails).toHaveLength(2);
    } finally {
      copy.close();
    }
    // where the ids are taken, the people get new ones
    const busy = cliSession();
    try {
      busy.run(['add', 'Someone Else', '--email', 'else@x.example']);
      expect(busy.run(['import', 'json', file]).code).toBe(0);
      const names = busy.run(['people', '--json']).json<{ id: number; name: string }[]>();
      expect(names.map((p) => p.name).sort()).toEqual(['Jo Park', 'Kim Lee', 'Someone Else']);
      expect(names.find((p) => p.name === 'Jo Park')?.id).toBe(3);
      expect(names.find((p) => p.name === 'Kim Lee')?.id).not.toBe(1);
    } finally {
      busy.close();
    }
  });

  it('stores a profile given to add or edit as imports do, so that a LinkedIn export finds the person', () => {
    cli.run(['add', 'Robert Smith', '--linkedin', 'https://linkedin.com/in/BobSmith/?trk=x']);
    const file = join(cli.dir, 'Connections.csv');
    writeFileSync(
      file,
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBob,Smith,https://www.linkedin.com/in/bobsmith,,Smithco,CEO,2 Feb 2024\n',
    );
    const report = cli
      .run(['import', 'linkedin', file, '--json'])
      .json<{ people: { created: number; matched: number } }>();
    expect(report.people).toEqual({ created: 0, matched: 1 });
    expect(cli.run(['show', '1', '--json']).json<{ linkedin: string }>().linkedin).toBe(
      'https://www.linkedin.com/in/bobsmith',
    );
    const bad = cli.run(['edit', '1', '--linkedin', 'not a url at all']);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'error: "not a url at all" is not a web address (give the profile\'s URL)',
    ]);
  });

  it('keeps apart, after a merge, those the user said the merged-away person is not', () => {
    const cards = join(cli.dir, 'ann.vcf');
    const card = (domain: string) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@${domain}.example\r\nEND:VCARD\r\n`;
    writeFileSync(cards, ['a', 'b', 'c'].map(card).join(''));
    expect(cli.run(['import', 'vcard', cards]).code).toBe(0);
    expect(cli.run(['duplicates', '--json']).json<unknown[]>()).toHaveLength(1);
    expect(cli.run(['distinct', '1', '3']).code).toBe(0);
    expect(cli.run(['merge', '2', '3']).code).toBe(0);
    expect(cli.run(['duplicates', '--json']).json<unknown[]>()).toEqual([]);
  });

  it('says of a merge how many of the interactions moved both people were in', () => {
    cli.run(['add', 'Kim Ode', '--email', 'kim@work.example']);
    cli.run(['add', 'Kim Ode', '--email', 'kim@home.example']);
    cli.run(['log', 'kim@work.example', 'kim@home.example', '--channel', 'meeting', '--at', '2026-05-01']);
    cli.run(['log', 'kim@home.example', '--channel', 'call', '--at', '2026-05-02']);
    expect(cli.run(['merge', '1', '2']).stdout).toMatch(
      /^Merged Kim Ode \(2\) into Kim Ode \(1\): moved 2 interactions \(1 they were both in\), 0 exchanges/,
    );
    expect(cli.run(['show', '1', '--json']).json<{ stats: { interactions: number } }>().stats.interactions).toBe(2);
  });

  it('never gives the id of a person merged away to someone added later: a repeated merge says whom they became', () => {
    cli.run(['add', 'Tom Baker', '--email', 'tom@bbc.example']);
    cli.run(['add', 'Tom Baker', '--email', 'tom@bakery.example']);
    expect(cli.run(['merge', '1', '2']).code).toBe(0);
    expect(cli.run(['add', 'Zoe Park', '--email', 'zoe@park.example']).stdout).toContain('Added person 3');
    const again = cli.run(['merge', '1', '2']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('person 2 was merged into Tom Baker (1)');
    // logging with them says so too
    const logged = cli.run(['log', '2', '--channel', 'call']);
    expect([logged.code, logged.stderr]).toEqual([2, 'error: person 2 was merged into Tom Baker (1)\n']);
    const byEmail = cli.run(['merge', 'tom@bbc.example', 'tom@bakery.example']);
    expect(byEmail.code).toBe(2);
    expect(byEmail.stderr).toContain('tom@bbc.example and tom@bakery.example are one person: Tom Baker (1)');
    expect(cli.run(['show', '3', '--json']).json<{ name: string }>().name).toBe('Zoe Park');
    expect(cli.run(['show', '4']).stderr).toContain('no person matches "4"');
    // a name merged away, when no one else has it
    cli.run(['add', 'Tommy Baker', '--email', 'tommy@bbc.example']);
    expect(cli.run(['merge', '1', 'Tommy Baker']).code).toBe(0);
    expect(cli.run(['show', 'Tommy Baker']).stderr).toContain('Tommy Baker was merged into Tom Baker (1)');
  });

  it('takes back from an older JSON copy nothing the user took off a person since: an address, a phone, a tag, a stage', () => {
    cli.run([
      'add',
      'Ada Quinn',
      '--email',
      'ada@quinn.example',
      '--email',
      'ada2@quinn.example',
      '--phone',
      '+44 20 7946 0000',
      '--tag',
      'vip',
    ]);
    cli.run(['edit', 'Ada Quinn', '--stage', 'trusted']);
    const file = join(cli.dir, 'older.json');
    expect(cli.run(['export', '--out', file]).code).toBe(0);
    const later = ['--now', '2026-06-02T12:00:00Z'];
    cli.run([...later, 'edit', 'Ada Quinn', '--phone', '+1 999']);
    cli.run([
      ...later,
      'edit',
      'Ada Quinn',
      '--remove-email',
      'ada2@quinn.example',
      '--tag',
      'onlytag',
      '--stage',
      'auto',
    ]);
    const ada = () =>
      cli
        .run(['show', 'Ada Quinn', '--json'])
        .json<{ emails: string[]; phones: string[]; tags: string[]; stage: string }>();
    const edited = ada();
    expect(cli.run([...later, 'import', 'json', file, '--json']).json<{ people: unknown }>().people).toEqual({
      created: 0,
      matched: 1,
    });
    expect(ada()).toEqual(edited);
    expect([edited.emails, edited.phones, edited.tags]).toEqual([['ada@quinn.example'], ['+1 999'], ['onlytag']]);
  });

  it('gives no id a copy from JSON removed, in the copy or back where it came from', () => {
    cli.run(['add', 'Ann One', '--email', 'a1@x.example']);
    cli.run(['add', 'Ann One', '--email', 'a2@x.example']);
    expect(cli.run(['merge', '1', '2']).code).toBe(0);
    const file = join(cli.dir, 'copy.json');
    expect(cli.run(['export', '--out', file]).code).toBe(0);
    const copy = join(cli.dir, 'copy.db');
    expect(cli.run(['--db', copy, 'import', 'json', file]).code).toBe(0);
    expect(cli.run(['--db', copy, 'add', 'New Person']).stdout).toContain('Added person 3');
    // an export taken before the merge, imported after it, does not give person 2's id back
    const before = join(cli.dir, 'before.json');
    const other = join(cli.dir, 'other.db');
    cli.run(['--db', other, 'add', 'Cy One']);
    cli.run(['--db', other, 'add', 'Dee Two']);
    expect(cli.run(['--db', other, 'export', '--out', before]).code).toBe(0);
    cli.run(['--db', other, 'merge', '1', '2']);
    const fresh = join(cli.dir, 'fresh.db');
    cli.run(['--db', fresh, 'add', 'Placeholder']);
    cli.run(['--db', fresh, 'add', 'Gone']);
    cli.run(['--db', fresh, 'merge', '1', '2']);
    cli.run(['--db', fresh, 'import', 'json', before]);
    const ids = cli.run(['--db', fresh, 'people', '--json']).json<{ id: number; name: string }[]>();
    expect(ids.find((p) => p.name === 'Dee Two')?.id).not.toBe(2);
  });

  it('exports vCard 4.0 and CSV', () => {
    cli.run(['add', 'Zoë O’Brien', '--email', 'zoe@x.org', '--org', 'Acme, Inc.', '--birthday', '--04-12']);
    const vcf = cli.run(['export', '--format', 'vcard']).stdout;
    expect(vcf).toContain('BEGIN:VCARD\r\nVERSION:4.0\r\n');
    expect(vcf).toContain('FN:Zoë O’Brien\r\n');
    expect(vcf).toContain('N:O’Brien;Zoë;;;\r\n');
    expect(vcf).toContain('ORG:Acme\\, Inc.\r\n');
    cli.run(['add', 'Jan van der Berg', '--email', 'jan@x.org']);
    expect(cli.run(['export', '--format', 'vcard']).stdout).toContain('N:van der Berg;Jan;;;\r\n');
    expect(vcf).toContain('BDAY:--0412\r\n');
    // folded lines hold at most 75 octets, the leading space of a continuation included
    cli.run([
      'edit',
      'zoe@x.org',
      '--title',
      'Leder for kundereiser og innsikt i Tromsø og omegn, Nord-Norge '.repeat(4),
    ]);
    const folded = cli.run(['export', '--format', 'vcard']).stdout.split('\r\n');
    expect(folded.filter((l) => l.startsWith(' ')).length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...folded.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
    cli.run(['add', 'Pat Roe', '--phone', '+1 555-123-4567 ext. 89', '--phone', '+1 555 000 1111']);
    const csv = cli.run(['export', '--format', 'csv']).stdout;
    expect(csv.split('\r\n')[0]).toContain('id,name,emails');
    // every record ends in CRLF (RFC 4180), none in a bare LF
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(csv).toContain('"Acme, Inc."');
    // phones hold spaces: they are parted by semicolons; a cell a spreadsheet would run as a
    // formula (a phone's "+" too) is written behind an apostrophe
    expect(csv).toContain(",'+1 555-123-4567 ext. 89; +1 555 000 1111,");
    cli.run(['add', '=HYPERLINK("http://evil.example")', '--org', '@SUM(A1)', '--title', '-2+3']);
    const injected = cli.run(['export', '--format', 'csv']).stdout;
    expect(injected).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(injected).toContain(",'@SUM(A1),'-2+3,");
  });

  it('finds the same people when its own vCard export is imported back, those with only a name too', () => {
    cli.run(['add', 'Bob', '--org', 'Acme']);
    cli.run(['add', 'Eve Stone']);
    cli.run(['add', 'Zed', '--email', 'zed@x.org']);
    const file = join(cli.dir, 'people.vcf');
    expect(cli.run(['export', '--format', 'vcard', '--out', file]).code).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = cli.run(['import', 'vcard', file, '--json']).json<{ people: { created: number; matched: number } }>();
      expect(r.people).toEqual({ created: 0, matched: 3 });
    }
    expect(cli.run(['people', '--json']).json<unknown[]>()).toHaveLength(3);
    // in another workspace's database, the same file makes new people
    const other = cliSession();
    try {
      const r = other.run(['import', 'vcard', file, '--json']).json<{ people: { created: number } }>();
      expect(r.people.created).toBe(3);
    } finally {
      other.close();
    }
  });

  it('keeps in its vCard export how the user met someone, the tier, goal and cadence, and reads them back', () => {
    const details = ['--met', 'Web Summit 2025, Lisbon', '--tier', 'inner', '--goal', 'client', '--cadence', '21'];
    cli.run(['add', 'Ana Lima', '--email', 'ana@x.org', ...details]);
    const vcf = cli.run(['export', '--format', 'vcard']).stdout;
    expect(vcf).toContain('X-RAPPORT-MET;VALUE=TEXT:Web Summit 2025\\, Lisbon\r\n');
    expect(vcf).toContain('X-RAPPORT-TIER:inner\r\nX-RAPPORT-GOAL:client\r\nX-RAPPORT-CADENCE:21\r\n');
    const other = cliSession();
    try {
      const file = join(other.dir, 'people.vcf');
      writeFileSync(file, vcf);
      expect(other.run(['import', 'vcard', file]).code).toBe(0);
      const shown = other.run(['show', 'ana@x.org', '--json']).json<Record<string, unknown>>();
      expect([shown.met, shown.tier, shown.goal, shown.cadenceDays]).toEqual([
        'Web Summit 2025, Lisbon',
        'inner',
        'client',
        21,
      ]);
      // a person who has their own keeps them: a card fills only what is missing
      other.run(['edit', 'ana@x.org', '--tier', 'watch']);
      expect(other.run(['import', 'vcard', file]).code).toBe(0);
      expect(other.run(['show', 'ana@x.org', '--json']).json<{ tier: string }>().tier).toBe('watch');
    } finally {
      other.close();
    }
  });

  it('gives back names with commas and organisations with semicolons as they were, in another workspace', () => {
    cli.run(['add', "José O'Brien, Jr.", '--org', 'Ça, Inc; "Best"']);
    cli.run(['add', 'Acme, Inc. Support', '--email', 'support@acme.example']);
    const vcf = cli.run(['export', '--format', 'vcard']).stdout;
    expect(vcf).toContain('ORG:Ça\\, Inc\\; "Best"\r\n');
    const file = join(cli.dir, 'people.vcf');
    writeFileSync(file, vcf);
    const other = cliSession();
    try {
      expect(other.run(['import', 'vcard', file]).code).toBe(0);
      const people = other.run(['people', '--json']).json<{ name: string; org: string | null }[]>();
      expect(people.map((p) => [p.name, p.org]).sort()).toEqual([
        ['Acme, Inc. Support', null],
        ["José O'Brien, Jr.", 'Ça, Inc; "Best"'],
      ]);
    } finally {
      other.close();
    }
  });

  it('rescores and reports what it folded', () => {
    cli.run(['add', 'Gus', '--email', 'gus@x.org']);
    cli.run(['log', 'gus', '--channel', 'call', '--at', '2026-05-01']);
    const r = cli.run(['rescore', '--json']).json<{ people: number; events: number }>();
    expect(r).toMatchObject({ people: 1, events: 1 });
  });
});
