/**
 * The benchmark (`npm run bench`): generates a large seeded workspace, loads it through the app's
 * bulk path, and measures rescore, one more interaction, the top-50 list, today and the
 * portfolio, each beside its floor measured in the same run. Writes bench/RESULTS.md.
 *
 *   npm run bench                      full size: 100,000 people, 5,000,000 interactions
 *   npm run bench -- --small           2,000 people, 100,000 interactions (seconds)
 *   npm run bench -- --keep            keep the database in bench/.work/ (prints its path)
 *   npm run bench -- --people N --interactions M --seed S   other sizes (not written to RESULTS.md)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statfsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { Context } from '../src/app/context.js';
import { localContext } from '../src/app/context.js';
import { evaluatePeople, evaluateWithFlagsFor } from '../src/app/evaluation.js';
import { logInteraction } from '../src/app/interactions.js';
import { listPeople } from '../src/app/list-people.js';
import { buildPortfolio } from '../src/app/portfolio.js';
import { rescore } from '../src/app/rescore.js';
import { buildToday } from '../src/app/today.js';
import { interactionWeight, isBulk } from '../src/domain/interaction-weight.js';
import { participantRole } from '../src/domain/participation.js';
import { HALF_LIFE_DAYS } from '../src/domain/scoring-config.js';
import { DAY_MS, formatInstant } from '../src/domain/time.js';
import { CHANNELS, DEPTHS, DIRECTIONS } from '../src/domain/vocabulary.js';
import { openSqliteStore, type Store } from '../src/store/database.js';
import { type ParentParticipation, participationRows } from '../src/store/interaction.repository.js';
import { databaseSize, fmtMB, fmtMs, fmtN, median, ratio } from './figures.js';
import {
  FULL_SIZE,
  generateWorkload,
  interactionUid,
  type LoadReport,
  loadWorkload,
  NOTE_TEXTS,
  SMALL_SIZE,
  seededUuid,
  sourceOf,
  type Workload,
} from './generate.js';
import { markdownTable, writeSection } from './results-file.js';

const ROOT = new URL('..', import.meta.url).pathname;
const WORK = join(ROOT, 'bench', '.work');
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');

const { values: flags } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    people: { type: 'string' },
    interactions: { type: 'string' },
  },
});
const size = flags.small ? SMALL_SIZE : FULL_SIZE;
const PEOPLE = flags.people ? Number(flags.people) : size.people;
const INTERACTIONS = flags.interactions ? Number(flags.interactions) : size.interactions;
const SEED = Number(flags.seed);
const custom = flags.people !== undefined || flags.interactions !== undefined;
const mode: 'full' | 'small' | 'custom' = custom ? 'custom' : flags.small ? 'small' : 'full';
/** repetitions: rescore, in-process queries, portfolio, CLI, incremental */
const REPS = {
  rescore: mode === 'full' ? 3 : 5,
  query: 15,
  portfolio: mode === 'full' ? 3 : 5,
  cli: 5,
  incremental: 200,
};

// ---------------------------------------------------------------------------------------------
// helpers

const started = performance.now();
const clock = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s`;
const log = (text: string) => process.stderr.write(`[bench ${clock()}] ${text}\n`);
let lastProgress = 0;
const progress = (phase: string, done: number, total: number) => {
  const t = performance.now();
  if (done < total && t - lastProgress < 2000) return;
  lastProgress = t;
  log(`  ${phase}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
};

async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function repeat<T>(
  runs: number,
  warmup: number,
  fn: () => Promise<T> | T,
): Promise<{ times: number[]; value: T }> {
  let value: T | undefined;
  for (let i = 0; i < warmup; i++) value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timeIt(fn);
    times.push(r.ms);
    value = r.value;
  }
  return { times, value: value as T };
}

/** Runs a command, returns its wall-clock time, stdout and exit code. */
function run(
  cmd: string,
  args: readonly string[],
): Promise<{ ms: number; stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        ms: performance.now() - t,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? 1,
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// disk, work folder and clean-up

/** bytes per interaction of a loaded database (interactions, participations, people, summaries, indexes), measured */
const DB_BYTES_PER_INTERACTION = 400;
const DB_BYTES_PER_PERSON = 1500;

function checkDisk(): { needed: number; free: number; estimateDb: number } {
  mkdirSync(WORK, { recursive: true });
  const fs = statfsSync(WORK);
  const free = Number(fs.bavail) * Number(fs.bsize);
  const estimateDb = INTERACTIONS * DB_BYTES_PER_INTERACTION + PEOPLE * DB_BYTES_PER_PERSON;
  // the database, its write-ahead log during the one-transaction load (up to the database's
  // size), the floor's scratch file (interactions and participations only), and a margin
  const needed = estimateDb * 2 + estimateDb * 0.8 + 1024 ** 3;
  return { needed, free, estimateDb };
}

const runDir = join(WORK, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
const dbPath = join(runDir, 'rapport.db');
let store: Store | undefined;
let cleaned = false;
function cleanUp(keepDb: boolean) {
  if (cleaned) return;
  cleaned = true;
  try {
    store?.sqlite?.close();
  } catch {}
  if (keepDb) {
    for (const f of ['floor.db', 'floor.db-wal', 'floor.db-shm']) rmSync(join(runDir, f), { force: true });
    log(`kept the database: ${dbPath}`);
  } else {
    rmSync(runDir, { recursive: true, force: true });
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    cleanUp(false);
    process.exit(130);
  });

// ---------------------------------------------------------------------------------------------
// floors

/** The same interaction and participation rows, inserted with one prepared statement each, in one transaction, into the same tables in a scratch file. */
function floorInsert(
  w: Workload,
  source: BetterSqlite3.Database,
  path: string,
): { ms: number; interactions: number; participations: number } {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // the scratch file holds no people or workspaces: the floor checks no foreign keys
    db.pragma('foreign_keys = OFF');
    const ddl = source
      .prepare(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('interactions', 'participations') AND sql IS NOT NULL ORDER BY type DESC, name",
      )
      .pluck()
      .all() as string[];
    for (const sql of ddl) db.exec(sql);
    const insertI = db.prepare(
      `INSERT INTO interactions (workspace_id, uid, at, channel, direction, depth, from_person_id, minutes, note, source, external_id, reply_to_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertP = db.prepare(
      `INSERT INTO participations (workspace_id, person_id, at, interaction_id, channel, role, depth, audience, parent_at, parent_role, first_answer, co_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ic = w.interactions;
    const idOfGen = new Int32Array(ic.count);
    const posOfGen = new Int32Array(ic.count);
    for (let pos = 0; pos < ic.count; pos++) posOfGen[ic.gen[pos] ?? 0] = pos;
    const participants = (pos: number) => {
      const list = [(ic.person[pos] ?? 0) + 1];
      for (let c = ic.coStart[pos] ?? 0; c < (ic.coStart[pos + 1] ?? 0); c++) list.push((ic.coPeople[c] ?? 0) + 1);
      return list;
    };
    let participations = 0;
    const t = performance.now();
    db.transaction(() => {
      for (let pos = 0; pos < ic.count; pos++) {
        if (pos % 20_000 === 0) progress('floor rows', pos, ic.count);
        const gen = ic.gen[pos] ?? 0;
        const channel = CHANNELS[ic.channel[pos] ?? 0] ?? 'email';
        const direction = DIRECTIONS[ic.direction[pos] ?? 0] ?? 'out';
        const depth = DEPTHS[ic.depth[pos] ?? 0] ?? 'substantive';
        const people = participants(pos);
        const from = ic.fromPrimary[pos] ? (people[0] ?? null) : null;
        const replyGen = ic.replyTo[pos] ?? -1;
        const { source: src, externalId } = sourceOf(w, gen, channel);
        const minutes = ic.minutes[pos] ?? 0;
        const note = ic.note[pos] ?? 0;
        const id = Number(
          insertI.run(
            1,
            interactionUid(w, gen),
            ic.at[pos],
            channel,
            direction,
            depth,
            from,
            minutes || null,
            note ? (NOTE_TEXTS[note - 1] ?? null) : null,
            src,
            externalId,
            replyGen < 0 ? null : (idOfGen[replyGen] ?? null),
            w.now,
          ).lastInsertRowid,
        );
        idOfGen[gen] = id;
        let parents = new Map<number, ParentParticipation>();
        if (replyGen >= 0) {
          const pp = posOfGen[replyGen] ?? 0;
          const pDir = DIRECTIONS[ic.direction[pp] ?? 0] ?? 'out';
          const pPeople = participants(pp);
          const pFrom = ic.fromPrimary[pp] ? (pPeople[0] ?? null) : null;
          const pBulk = isBulk(CHANNELS[ic.channel[pp] ?? 0] ?? 'email', pPeople.length);
          parents = new Map(
            pPeople.map((p) => [
              p,
              { at: ic.at[pp] ?? 0, role: participantRole(pDir, pFrom, p), grandparentRole: null, bulk: pBulk },
            ]),
          );
        }
        for (const row of participationRows(
          1,
          id,
          { at: ic.at[pos] ?? 0, channel, direction, depth, participantIds: people, fromPersonId: from },
          parents,
          replyGen >= 0 ? 'stored' : 'nothing',
        )) {
          insertP.run(
            row.workspace_id,
            row.person_id,
            row.at,
            row.interaction_id,
            row.channel,
            row.role,
            row.depth,
            row.audience,
            row.parent_at,
            row.parent_role,
            row.first_answer,
            row.co_ids,
          );
          participations++;
        }
      }
    })();
    return { ms: performance.now() - t, interactions: ic.count, participations };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

const P_COLUMNS =
  'person_id, at, interaction_id, channel, role, depth, audience, parent_at, parent_role, first_answer, co_ids';
const E_COLUMNS = 'person_id, at, id, direction, category, introduced_person_id';

/** Floor (a): every row the fold reads, through the covering primary key (and the exchanges' index), raw iteration. */
function floorRead(raw: BetterSqlite3.Database, ws: number): { rows: number } {
  let rows = 0;
  let sum = 0;
  const p = raw.prepare(
    `SELECT ${P_COLUMNS} FROM participations WHERE workspace_id = ? ORDER BY person_id, at, interaction_id`,
  );
  for (const r of p.raw(true).iterate(ws) as Iterable<unknown[]>) {
    rows++;
    sum += r[1] as number;
  }
  const e = raw.prepare(`SELECT ${E_COLUMNS} FROM exchanges WHERE workspace_id = ? ORDER BY person_id, at, id`);
  for (const r of e.raw(true).iterate(ws) as Iterable<unknown[]>) {
    rows++;
    sum += r[1] as number;
  }
  if (sum === -1) log('unreachable');
  return { rows };
}

interface EventArrays {
  person: Int32Array;
  at: Float64Array;
  weight: Float64Array;
  n: number;
}

/** Loads the same events (participations, then each person's exchanges merged in time order) into typed arrays. */
function loadEventArrays(raw: BetterSqlite3.Database, ws: number): EventArrays {
  const pCount = raw.prepare('SELECT count(*) FROM participations WHERE workspace_id = ?').pluck().get(ws) as number;
  const eCount = raw.prepare('SELECT count(*) FROM exchanges WHERE workspace_id = ?').pluck().get(ws) as number;
  const n = pCount + eCount;
  const out: EventArrays = { person: new Int32Array(n), at: new Float64Array(n), weight: new Float64Array(n), n };
  const p = raw
    .prepare(
      'SELECT person_id, at, channel, depth, audience FROM participations WHERE workspace_id = ? ORDER BY person_id, at, interaction_id',
    )
    .raw(true)
    .iterate(ws) as Iterator<[number, number, number, number, number]>;
  const e = raw
    .prepare('SELECT person_id, at FROM exchanges WHERE workspace_id = ? ORDER BY person_id, at, id')
    .raw(true)
    .iterate(ws) as Iterator<[number, number]>;
  let pr = p.next();
  let er = e.next();
  let k = 0;
  while (!pr.done || !er.done) {
    const takeP =
      !pr.done && (er.done || pr.value[0] < er.value[0] || (pr.value[0] === er.value[0] && pr.value[1] <= er.value[1]));
    if (takeP && !pr.done) {
      const [person, at, ch, d, audience] = pr.value;
      out.person[k] = person;
      out.at[k] = at;
      out.weight[k] = interactionWeight(CHANNELS[ch] ?? 'email', DEPTHS[d] ?? 'substantive', audience);
      pr = p.next();
    } else if (!er.done) {
      out.person[k] = er.value[0];
      out.at[k] = er.value[1];
      out.weight[k] = 1;
      er = e.next();
    }
    k++;
  }
  return out;
}

/** Floor (b): one decayed-sum pass, I = I·2^(−Δt/h) + w, per person, over the typed arrays. */
function typedPass(a: EventArrays, result: Float64Array): void {
  const h = HALF_LIFE_DAYS.intensityLong * DAY_MS;
  let person = -1;
  let value = 0;
  let last = 0;
  for (let i = 0; i < a.n; i++) {
    const p = a.person[i] as number;
    const t = a.at[i] as number;
    if (p !== person) {
      if (person >= 0) result[person] = value;
      person = p;
      value = 0;
      last = t;
    }
    value = value * 2 ** (-(t - last) / h) + (a.weight[i] as number);
    last = t;
  }
  if (person >= 0) result[person] = value;
}

/** A digest of every summary row: a rescore must leave it unchanged. */
function summariesDigest(raw: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  for (const r of raw.prepare('SELECT * FROM summaries ORDER BY person_id').raw(true).iterate() as Iterable<unknown[]>)
    hash.update(JSON.stringify(r));
  return hash.digest('hex').slice(0, 16);
}

/** A raw pass over every summary row: what any evaluation of everyone must at least read. */
function floorSummaries(raw: BetterSqlite3.Database, ws: number): number {
  let n = 0;
  for (const _ of raw.prepare('SELECT * FROM summaries WHERE workspace_id = ?').raw(true).iterate(ws) as Iterable<
    unknown[]
  >)
    n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// the run

interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  result: string;
}

async function main(): Promise<void> {
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${fmtMB(totalmem())} RAM, Node ${process.version}, better-sqlite3 SQLite ${new BetterSqlite3(':memory:').prepare('select sqlite_version()').pluck().get() as string}`;
  log(`Rapport benchmark, ${mode} mode: ${fmtN(PEOPLE)} people, ${fmtN(INTERACTIONS)} interactions, seed ${SEED}`);
  log(machine);

  const disk = checkDisk();
  log(
    `free disk in ${WORK}: ${fmtMB(disk.free)}; needed about ${fmtMB(disk.needed)} (database about ${fmtMB(disk.estimateDb)})`,
  );
  if (disk.free < disk.needed) {
    process.stderr.write(
      `error: not enough free disk for the benchmark: ${fmtMB(disk.free)} free in ${WORK}, about ${fmtMB(disk.needed)} needed (the database, its log while loading, a scratch copy and a margin). Free some space, or run \`npm run bench -- --small\`.\n`,
    );
    process.exitCode = 1;
    return;
  }
  mkdirSync(runDir, { recursive: true });

  // ---- generate
  log('generating the workload');
  const gen = await timeIt(() => generateWorkload({ people: PEOPLE, interactions: INTERACTIONS, seed: SEED }));
  let w: Workload | undefined = gen.value;
  const now = w.now;
  log(
    `  generated in ${fmtMs(gen.ms)}: ${fmtN(w.interactions.count)} interactions, ${fmtN(w.participations)} participations, ${fmtN(w.exchanges.length)} exchanges, ${fmtN(w.needs.length)} needs, ${fmtN(w.offers.length)} offers, ${fmtN(w.nextSteps.length)} next steps, ${fmtN(w.milestones.length)} milestones`,
  );

  // ---- load
  store = await openSqliteStore(dbPath);
  const raw = store.sqlite;
  if (!raw) throw new Error('expected SQLite');
  const base = await localContext(store, now);
  let uidCount = 0;
  const ctx: Context = { ...base, newUid: () => seededUuid(SEED, 7, uidCount++) };
  log('loading: people, then interactions through BulkLoader, in one transaction');
  const load: LoadReport = await loadWorkload(ctx, w, progress);
  log(
    `  loaded in ${fmtMs(load.ms.total)} (${Object.entries(load.ms)
      .map(([k, v]) => `${k} ${fmtMs(v)}`)
      .join(', ')})`,
  );
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = databaseSize(dbPath);
  const counted = {
    people: raw.prepare('SELECT count(*) FROM people').pluck().get() as number,
    interactions: raw.prepare('SELECT count(*) FROM interactions').pluck().get() as number,
    participations: raw.prepare('SELECT count(*) FROM participations').pluck().get() as number,
    exchanges: raw.prepare('SELECT count(*) FROM exchanges').pluck().get() as number,
  };
  log(
    `  database ${fmtMB(dbBytes)} (${fmtN(Math.round(dbBytes / INTERACTIONS))} bytes per interaction); ${JSON.stringify(counted)}`,
  );
  if (counted.interactions !== INTERACTIONS || counted.participations !== w.participations || counted.people !== PEOPLE)
    throw new Error(`the load wrote other counts than generated: ${JSON.stringify(counted)}`);

  log('floor: the same interaction and participation rows, prepared inserts, one transaction, scratch file');
  const fi = floorInsert(w, raw, join(runDir, 'floor.db'));
  log(`  ${fmtMs(fi.ms)} for ${fmtN(fi.interactions)} + ${fmtN(fi.participations)} rows`);

  // people with history, for the incremental figure (chosen before the workload is dropped)
  const historyPeople: number[] = [];
  for (let i = 0; i < w.people.count && historyPeople.length < REPS.incremental + 10; i++)
    if ((w.people.primaryCount[i] ?? 0) >= 20) historyPeople.push(load.personIds[i] ?? 0);
  w = undefined;

  // ---- rescore and its floors, interleaved, in this process
  log('loading the events into typed arrays for floor (b)');
  const arrays = loadEventArrays(raw, ctx.workspaceId);
  const sums = new Float64Array(PEOPLE + 2);
  const digestBefore = summariesDigest(raw);
  const readTimes: number[] = [];
  const passTimes: number[] = [];
  const rescoreTimes: number[] = [];
  let rescored = { people: 0, events: 0 };
  for (let round = 0; round < REPS.rescore; round++) {
    const a = await timeIt(() => floorRead(raw, ctx.workspaceId));
    readTimes.push(a.ms);
    const pass: number[] = [];
    for (let i = 0; i < 5; i++) pass.push((await timeIt(() => typedPass(arrays, sums))).ms);
    passTimes.push(median(pass));
    const r = await timeIt(() => rescore(ctx));
    rescoreTimes.push(r.ms);
    rescored = r.value;
    log(
      `  round ${round + 1}/${REPS.rescore}: read ${fmtMs(a.ms)} (${fmtN(a.value.rows)} rows), typed pass ${fmtMs(median(pass))}, rescore ${fmtMs(r.ms)} (${fmtN(r.value.events)} events)`,
    );
  }
  const digestAfter = summariesDigest(raw);
  log(
    `  summaries ${digestBefore === digestAfter ? 'unchanged' : 'CHANGED'} by rescore (${digestBefore} / ${digestAfter})`,
  );
  // a rescore skips summaries that come out as they were: also time one that rewrites every one
  // (each damaged first), and check it repairs them
  raw.prepare('UPDATE summaries SET as_of_seq = -1 - as_of_seq WHERE workspace_id = ?').run(ctx.workspaceId);
  const rewrite = await timeIt(() => rescore(ctx));
  const digestRepaired = summariesDigest(raw);
  log(
    `  rescore rewriting every summary: ${fmtMs(rewrite.ms)}; summaries ${digestRepaired === digestBefore ? 'repaired' : 'NOT REPAIRED'}`,
  );
  if (digestRepaired !== digestBefore || digestAfter !== digestBefore) throw new Error('rescore changed the summaries');

  // ---- peak memory of a rescore, in a child process, beside an idle one
  log('rescore peak memory: child processes');
  const child = async (which: 'idle' | 'rescore') => {
    const r = await run(process.execPath, [
      '--import',
      'tsx',
      join(ROOT, 'bench', 'child.ts'),
      which,
      dbPath,
      String(now),
    ]);
    if (r.code !== 0) throw new Error(`child ${which} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; maxRssKB: number; events: number };
  };
  const idle = await child('idle');
  const mem = await child('rescore');
  log(
    `  idle ${fmtMB(idle.maxRssKB * 1024)}, rescore ${fmtMB(mem.maxRssKB * 1024)} (child's rescore took ${fmtMs(mem.ms)})`,
  );

  // ---- in-process queries at now
  log(`in-process queries at ${formatInstant(now)}`);
  const sumFloor = await repeat(REPS.query, 2, () => floorSummaries(raw, ctx.workspaceId));
  const top = await repeat(REPS.query, 2, () => listPeople(ctx, { sort: 'strength', limit: 50 }));
  // floor: evaluating just the people it returns, as if an oracle had named them
  const topIds = top.value.map((e) => e.person.id);
  const topFloor = await repeat(REPS.query, 2, () => evaluatePeople(ctx, topIds, now));
  log(
    `  people --sort strength --limit 50: median ${fmtMs(median(top.times))} (${top.value.length} rows; evaluating them alone ${fmtMs(median(topFloor.times))}; summaries pass ${fmtMs(median(sumFloor.times))})`,
  );
  const today = await repeat(REPS.query, 2, () => buildToday(ctx, 20));
  const todayIds = [...new Set(today.value.map((i) => i.personId))];
  const todayFloor = await repeat(REPS.query, 2, () => evaluateWithFlagsFor(ctx, todayIds, now));
  const actions = new Map<string, number>();
  for (const i of today.value) actions.set(i.action, (actions.get(i.action) ?? 0) + 1);
  const fullToday = await buildToday(ctx, 100_000);
  const allActions = new Map<string, number>();
  for (const i of fullToday) allActions.set(i.action, (allActions.get(i.action) ?? 0) + 1);
  log(
    `  today: median ${fmtMs(median(today.times))} (${today.value.length} items; ${fullToday.length} actions in all: ${[...allActions].map(([a, n]) => `${a} ${n}`).join(', ')})`,
  );
  const portfolio = await repeat(REPS.portfolio, 1, () => buildPortfolio(ctx));
  log(`  portfolio: median ${fmtMs(median(portfolio.times))} (${JSON.stringify(portfolio.value.byClass)})`);

  // ---- the CLI, wall clock
  const bin = join(ROOT, 'bin', 'rapport');
  const cliRows: Row[] = [];
  let cli: { version: number; people: number; today: number } | undefined;
  if (existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    log('CLI wall-clock times (spawned)');
    const nowIso = formatInstant(now);
    const wall = async (args: string[], check: (stdout: string) => void) => {
      const times: number[] = [];
      await run(process.execPath, [bin, ...args]);
      for (let i = 0; i < REPS.cli; i++) {
        const r = await run(process.execPath, [bin, ...args]);
        if (r.code !== 0) throw new Error(`rapport ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
        check(r.stdout);
        times.push(r.ms);
      }
      return median(times);
    };
    const version = await wall(['--version'], () => {});
    const people = await wall(
      ['--db', dbPath, '--now', nowIso, 'people', '--sort', 'strength', '--limit', '50', '--json'],
      (s) => {
        const rows = JSON.parse(s) as unknown[];
        if (rows.length !== Math.min(50, PEOPLE)) throw new Error(`people printed ${rows.length} rows`);
      },
    );
    const todayCli = await wall(['--db', dbPath, '--now', nowIso, 'today', '--json'], (s) => {
      JSON.parse(s);
    });
    cli = { version, people, today: todayCli };
    log(`  --version ${fmtMs(version)}, people ${fmtMs(people)}, today ${fmtMs(todayCli)}`);
  } else {
    log('dist/cli/main.js is missing: run `npm run build` (npm run bench does) to measure the CLI');
  }

  // ---- one more interaction, on the big workspace (last: it adds rows)
  log(`incremental: logInteraction x ${REPS.incremental} for people with history, and the raw insert floor`);
  const targets = historyPeople.slice(0, REPS.incremental + 10);
  const incTimes: number[] = [];
  for (let i = 0; i < targets.length; i++) {
    const r = await timeIt(() =>
      logInteraction(ctx, { people: [String(targets[i])], channel: 'email', direction: 'out', at: now, note: 'bench' }),
    );
    if (i >= targets.length - REPS.incremental) incTimes.push(r.ms);
  }
  const floorI = raw.prepare(
    `INSERT INTO interactions (workspace_id, uid, at, channel, direction, depth, from_person_id, minutes, note, source, external_id, reply_to_id, created_at)
     VALUES (?, ?, ?, 'email', 'out', 'substantive', NULL, NULL, 'bench floor', 'bench', NULL, NULL, ?)`,
  );
  const floorP = raw.prepare(
    'INSERT INTO participations (workspace_id, person_id, at, interaction_id, channel, role, depth, audience, parent_at, parent_role, first_answer, co_ids) VALUES (?, ?, ?, ?, 3, 0, 1, 1, NULL, NULL, 0, NULL)',
  );
  const insertOne = raw.transaction((personId: number, uid: string) => {
    const id = Number(floorI.run(ctx.workspaceId, uid, now, now).lastInsertRowid);
    floorP.run(ctx.workspaceId, personId, now, id);
  });
  const rawTimes: number[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = performance.now();
    insertOne(targets[i] ?? 0, seededUuid(SEED, 9, i));
    if (i >= targets.length - REPS.incremental) rawTimes.push(performance.now() - t);
  }
  raw.transaction(() => {
    raw
      .prepare(
        "DELETE FROM participations WHERE interaction_id IN (SELECT id FROM interactions WHERE source = 'bench')",
      )
      .run();
    raw.prepare("DELETE FROM interactions WHERE source = 'bench'").run();
  })();
  log(`  logInteraction median ${fmtMs(median(incTimes))}; raw insert median ${fmtMs(median(rawTimes))}`);

  // ---- results
  const rescoreMs = median(rescoreTimes);
  const readMs = median(readTimes);
  const passMs = median(passTimes);
  const rescoreFloor = readMs + 3 * passMs;
  const topMs = median(top.times);
  const todayMs = median(today.times);
  const sumMs = median(sumFloor.times);
  const pass = (ok: boolean) => (ok ? 'pass' : '**fail**');
  const rows: Row[] = [
    {
      figure: `load, everything, one transaction (${fmtN(PEOPLE)} people, ${fmtN(INTERACTIONS)} interactions, ${fmtN(counted.exchanges)} exchanges, summaries)`,
      value: fmtMs(load.ms.total),
      floor: `${fmtMs(fi.ms)}: prepared inserts of the same ${fmtN(fi.interactions)} interaction + ${fmtN(fi.participations)} participation rows, one transaction, same tables and indexes`,
      ratio: ratio(load.ms.total, fi.ms),
      target: '—',
      result: '—',
    },
    {
      figure: 'load, interactions only (BulkLoader.interactions)',
      value: fmtMs(load.ms.interactions),
      floor: fmtMs(fi.ms),
      ratio: ratio(load.ms.interactions, fi.ms),
      target: '—',
      result: '—',
    },
    {
      figure: `rescore, in-process (median of ${REPS.rescore}; ${fmtN(rescored.people)} people, ${fmtN(rescored.events)} events)`,
      value: fmtMs(rescoreMs),
      floor: `(a) ${fmtMs(readMs)} + 3 × (b) ${fmtMs(passMs)} = ${fmtMs(rescoreFloor)}`,
      ratio: ratio(rescoreMs, rescoreFloor),
      target: '≤ 1.5×',
      result: pass(rescoreMs <= 1.5 * rescoreFloor),
    },
    {
      figure: 'rescore rewriting every summary (each damaged beforehand; one run)',
      value: fmtMs(rewrite.ms),
      floor: `(a) + 3 × (b) = ${fmtMs(rescoreFloor)}`,
      ratio: ratio(rewrite.ms, rescoreFloor),
      target: '—',
      result: '—',
    },
    {
      figure: '(a) read the rows the fold reads through the covering primary key, raw iteration',
      value: fmtMs(readMs),
      floor: '—',
      ratio: '—',
      target: '—',
      result: '—',
    },
    {
      figure: `(b) one decayed-sum pass over the same ${fmtN(arrays.n)} events in typed arrays (median of 5 per round)`,
      value: fmtMs(passMs),
      floor: '—',
      ratio: '—',
      target: '—',
      result: '—',
    },
    {
      figure: 'rescore, peak memory (peak resident size of a child process)',
      value: fmtMB(mem.maxRssKB * 1024),
      floor: `${fmtMB(idle.maxRssKB * 1024)}: the same process, store open, no rescore`,
      ratio: ratio(mem.maxRssKB, idle.maxRssKB),
      target: '—',
      result: '—',
    },
    {
      figure: `add one interaction (logInteraction, median of ${REPS.incremental}, people with history)`,
      value: fmtMs(median(incTimes)),
      floor: `${fmtMs(median(rawTimes))}: one raw prepared insert of its interaction and participation rows, one transaction`,
      ratio: ratio(median(incTimes), median(rawTimes)),
      target: '—',
      result: '—',
    },
    {
      figure: `\`people --sort strength --limit 50\`, in-process (median of ${REPS.query})`,
      value: fmtMs(topMs),
      floor: `${fmtMs(median(topFloor.times))}: evaluating only the ${topIds.length} people it returns`,
      ratio: ratio(topMs, median(topFloor.times)),
      target: '< 100 ms',
      result: pass(topMs < 100),
    },
    {
      figure: `\`today\`, in-process (median of ${REPS.query})`,
      value: fmtMs(todayMs),
      floor: `${fmtMs(median(todayFloor.times))}: evaluating only the ${todayIds.length} people of its items`,
      ratio: ratio(todayMs, median(todayFloor.times)),
      target: '< 100 ms',
      result: pass(todayMs < 100),
    },
    {
      figure: `portfolio, in-process (median of ${REPS.portfolio})`,
      value: fmtMs(median(portfolio.times)),
      floor: `${fmtMs(sumMs)}: one raw pass over every summary row`,
      ratio: ratio(median(portfolio.times), sumMs),
      target: '—',
      result: '—',
    },
  ];
  if (cli) {
    cliRows.push(
      {
        figure: `\`rapport people --sort strength --limit 50 --json\`, CLI wall clock (median of ${REPS.cli})`,
        value: fmtMs(cli.people),
        floor: `${fmtMs(cli.version)}: \`rapport --version\``,
        ratio: ratio(cli.people, cli.version),
        target: '—',
        result: '—',
      },
      {
        figure: `\`rapport today --json\`, CLI wall clock (median of ${REPS.cli})`,
        value: fmtMs(cli.today),
        floor: `${fmtMs(cli.version)}: \`rapport --version\``,
        ratio: ratio(cli.today, cli.version),
        target: '—',
        result: '—',
      },
    );
    // each beside its in-process row
    const after = (prefix: string) => rows.findIndex((r) => r.figure.startsWith(prefix)) + 1;
    const [peopleCli, todayCli] = cliRows;
    if (peopleCli) rows.splice(after('`people'), 0, peopleCli);
    if (todayCli) rows.splice(after('`today'), 0, todayCli);
  }

  const table = markdownTable(
    ['figure', 'measured', 'floor', 'ratio', 'target', 'result'],
    ['left', 'right', 'left', 'right', 'left', 'left'],
    rows.map((r) => [r.figure, r.value, r.floor, r.ratio, r.target, r.result]),
  );
  const totalMs = performance.now() - started;
  const section = [
    `## ${mode === 'full' ? 'Full size' : mode === 'small' ? 'Small mode (`--small`)' : 'Custom size'}: ${fmtN(PEOPLE)} people, ${fmtN(INTERACTIONS)} interactions (seed ${SEED})`,
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machine}. The whole run took ${fmtMs(totalMs)}.`,
    '',
    table,
    '',
    `- Workload: ${fmtN(counted.people)} people, ${fmtN(counted.interactions)} interactions, ${fmtN(counted.participations)} participation rows, ${fmtN(counted.exchanges)} exchanges, ${fmtN(load.counts.needs)} needs, ${fmtN(load.counts.offers)} offers, ${fmtN(load.counts.nextSteps)} next steps, ${fmtN(load.counts.milestones)} milestones; generated in ${fmtMs(gen.ms)}; database ${fmtMB(dbBytes)}; now = ${formatInstant(now)}.`,
    `- Load phases: ${Object.entries(load.ms)
      .filter(([k]) => k !== 'total')
      .map(([k, v]) => `${k} ${fmtMs(v)}`)
      .join(', ')}.`,
    `- Rescore rounds (read / typed pass / rescore): ${rescoreTimes.map((t, i) => `${fmtMs(readTimes[i] ?? 0)} / ${fmtMs(passTimes[i] ?? 0)} / ${fmtMs(t)}`).join('; ')}. Summaries ${digestBefore === digestAfter ? 'identical' : '**different**'} before and after (digest ${digestAfter}). The child process's own rescore took ${fmtMs(mem.ms)}.`,
    `- \`today\` returned ${today.value.length} items (${[...actions].map(([a, n]) => `${a} ${n}`).join(', ')}); without a limit ${fullToday.length} actions (${[...allActions].map(([a, n]) => `${a} ${n}`).join(', ')}).`,
    `- Spread (min–max): top-50 ${fmtMs(Math.min(...top.times))}–${fmtMs(Math.max(...top.times))}, today ${fmtMs(Math.min(...today.times))}–${fmtMs(Math.max(...today.times))}, logInteraction ${fmtMs(Math.min(...incTimes))}–${fmtMs(Math.max(...incTimes))}.`,
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (mode !== 'custom') writeResults(mode, section);
  else log('custom size: bench/RESULTS.md left as it is');
}

const HEADER = `# Benchmarks

\`npm run bench\` generates a seeded workspace of 100,000 people and 5,000,000 interactions
(bench/generate.ts), loads it through the app's bulk path in one transaction, measures, writes the
section below and deletes what it created (about 7 GB of free disk needed; it checks first).
\`npm run bench -- --small\` does the same at 2,000 people and 100,000 interactions in seconds;
\`--keep\` keeps the database under bench/.work/ and prints its path. Each run replaces only its own
section of this file.

Every figure stands beside a floor measured in the same run, because separate processes here
differ by up to 1.7× while runs inside one process vary by 3–7%: read the ratios, not the
absolute times. Times are medians over the repetitions named.

What the rows mean:
- **load**: generated people (prepared inserts writing what createPerson writes), interactions and
  exchanges through \`BulkLoader\`, needs, offers, next steps and milestones through the store,
  then \`BulkLoader.finish\` (first answers, every summary), all in one transaction. Floor: the same
  interaction and participation rows inserted with one prepared statement per table in one
  transaction into the same tables (same indexes) in a scratch file.
- **rescore**: \`rescore()\` (src/app/rescore.ts) on the loaded workspace, whose summaries are
  already right (so it writes none back), in this process, interleaved with its floors:
  (a) reading the rows the fold reads (participations through their covering primary key,
  exchanges through their index) with raw iteration, and (b) one decayed-sum pass
  \`I = I·2^(−Δt/h) + w\` per person over the same events already in typed arrays. Target:
  rescore ≤ 1.5 × (a + 3·b). Also one rescore that must rewrite every summary (each damaged
  first), for the cost of the writes. Peak memory: the peak resident size (VmHWM) of a child
  process that rescores, beside the same child that opens the store and stops.
- **add one interaction**: \`logInteraction\` at \`now\` for people with history (the O(1) path),
  beside one raw prepared insert of its interaction and participation rows in a transaction.
- **people / today / portfolio**: \`listPeople(ctx, { sort: 'strength', limit: 50 })\`,
  \`buildToday(ctx, 20)\` and \`buildPortfolio(ctx)\` in-process at the generator's \`now\`, after a
  warm-up; target under 100 ms for the first two. Floors: for the list and today, evaluating only
  the people they return (what is left if an oracle named them); for the portfolio, which must
  look at everyone, one raw pass over every summary row. CLI rows: \`bin/rapport\` spawned, wall
  clock, beside \`rapport --version\` (the cost of starting the process).
`;

function writeResults(which: 'full' | 'small', section: string): void {
  writeSection(RESULTS, which, section, `${HEADER}\n`);
  log(`wrote ${RESULTS}`);
}

try {
  await main();
  cleanUp(flags.keep);
} catch (error) {
  cleanUp(false);
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
