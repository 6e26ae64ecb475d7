/**
 * The import benchmark (`npm run bench:import`): generates a large seeded mbox, a LinkedIn
 * export and a calendar export, imports each through the app (`importFiles`) in a child process
 * of its own, and measures time and peak memory beside the floor measured in the same run.
 * Writes its own section of bench/RESULTS.md.
 *
 *   npm run bench:import                   full size: 1,000,000 messages (about 1.2 GB), a 30,000-row LinkedIn export, a 60,000-event calendar (about 60 MB)
 *   npm run bench:import -- --small        20,000 messages, 1,000 rows, 1,200 events (seconds)
 *   npm run bench:import -- --keep         keep the files and databases in bench/.work/ (prints the folder)
 *   npm run bench:import -- --profile      also CPU-profile one mbox import (node --cpu-prof) and log the top self times
 *   npm run bench:import -- --messages N --rows M --events E --seed S   other sizes (not written to RESULTS.md)
 *
 * Every measurement runs in a child process (this file with `--child MODE …`), so its peak
 * resident memory (VmHWM) is its own and its time is the import's alone (the child times the
 * call, not its own start-up).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { zipSync } from 'fflate';
import { type CalendarStats, writeCalendar } from './calendar-generate.js';
import { databaseSize, fmtMB, fmtMs, fmtN, median, peakRssKB, ratio } from './figures.js';
import { MAIL_END, MAIL_SPAN_MS, MAIL_START, type MboxStats, writeMbox } from './mail-generate.js';
import { markdownTable, writeSection } from './results-file.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SELF = new URL(import.meta.url).pathname;
const WORK = join(ROOT, 'bench', '.work');
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');

/** the calendar: 60,000 VEVENTs took 640 s to import before a quadratic step was found; small mode scales it as the mbox (1/50) */
const FULL = { messages: 1_000_000, rows: 30_000, events: 60_000 } as const;
const SMALL = { messages: 20_000, rows: 1_000, events: 1_200 } as const;
const OWNER = 'robin.carter@example.com';
const CORRESPONDENTS = 3_000;
/** the time every import runs at: just after the last generated message */
const NOW = MAIL_END;

const { values: flags } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    messages: { type: 'string' },
    rows: { type: 'string' },
    events: { type: 'string' },
    // a child process's own arguments
    child: { type: 'string' },
    db: { type: 'string' },
    file: { type: 'string' },
    count: { type: 'string' },
    from: { type: 'string' },
    'profile-out': { type: 'string' },
  },
});

// ---------------------------------------------------------------------------------------------
// helpers (as in bench/run.ts)

const started = performance.now();
const clock = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s`;
const log = (text: string) => process.stderr.write(`[bench:import ${clock()}] ${text}\n`);

const fmtSize = (bytes: number) => (bytes < 10 * 1024 * 1024 ? `${fmtN(Math.round(bytes / 1024))} KB` : fmtMB(bytes));
const fmtRate = (n: number, ms: number) => `${fmtN(Math.round((n * 1000) / ms))}/s`;

function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

// ---------------------------------------------------------------------------------------------
// the child: one measurement, one JSON line on stdout

/** The SQLite settings of src/store/database.ts (openSqliteStore), for the floor's scratch file. */
function floorDatabase(path: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * The floor: the whole file read in 1 MiB chunks, and as many rows as it holds messages inserted
 * (each with six columns, like an interaction's) with one prepared statement in one transaction,
 * interleaved with the reading as an import interleaves them.
 */
async function floorChild(file: string, dbPath: string, rows: number): Promise<Record<string, number>> {
  const db = floorDatabase(dbPath);
  db.exec(
    `CREATE TABLE rows (id INTEGER PRIMARY KEY, workspace_id INTEGER NOT NULL, at INTEGER NOT NULL,
       direction TEXT NOT NULL, source TEXT NOT NULL, external_id TEXT NOT NULL, note TEXT)`,
  );
  const insert = db.prepare(
    'INSERT INTO rows (workspace_id, at, direction, source, external_id, note) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const notes = ['Q3 planning', 'Re: Lunch next week?', 'Draft proposal for Acme', 'Follow-up from our call', null];
  const total = statSync(file).size;
  const step = MAIL_SPAN_MS / Math.max(1, rows);
  const t = performance.now();
  let read = 0;
  let inserted = 0;
  const insertUpTo = (target: number) => {
    for (; inserted < target; inserted++)
      insert.run(
        1,
        Math.round(MAIL_START + inserted * step),
        inserted % 3 === 0 ? 'out' : 'in',
        'email',
        `${(inserted * 2654435761).toString(16).padStart(12, '0')}.${inserted.toString(36)}@mail.example.com`,
        notes[inserted % notes.length] ?? null,
      );
  };
  db.exec('BEGIN');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    read += (chunk as Buffer).length;
    insertUpTo(Math.floor((rows * read) / total));
  }
  insertUpTo(rows);
  db.exec('COMMIT');
  const ms = performance.now() - t;
  const maxRssKB = peakRssKB();
  db.close();
  return { ms, maxRssKB, bytes: read, rows: inserted };
}

/**
 * The storage floor: what writing an import's own rows costs SQLite alone. The interaction and
 * participation rows of a finished import (`from`) are copied with INSERT … SELECT into an empty
 * database with the same schema (the app's migrations) and settings (the import's page cache):
 * (arrival) in id order, as an import writes them, every index kept up as rows arrive; (bulk) in
 * each table's key order with the secondary indexes dropped first and built afterwards, the
 * cheapest way SQLite can hold these rows. No parsing, no JavaScript per row, no lookups.
 */
async function storageChild(dbPath: string, from: string, bulk: boolean): Promise<Record<string, number>> {
  const { openSqliteStore } = await import('../src/store/database.js');
  const store = await openSqliteStore(dbPath);
  const db = store.sqlite;
  if (!db) throw new Error('the storage floor needs SQLite');
  db.pragma('cache_size = -32768');
  db.prepare('ATTACH DATABASE ? AS src').run(from);
  for (const table of ['workspaces', 'people', 'person_emails'])
    db.exec(`INSERT OR IGNORE INTO ${table} SELECT * FROM src.${table}`);
  const indexes = db
    .prepare(
      "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name IN ('interactions', 'participations') AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  const t = performance.now();
  db.exec('BEGIN');
  if (bulk) for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  db.exec('INSERT INTO interactions SELECT * FROM src.interactions ORDER BY id');
  db.exec(
    `INSERT INTO participations SELECT * FROM src.participations ORDER BY ${bulk ? 'workspace_id, person_id, at, interaction_id' : 'interaction_id, person_id'}`,
  );
  if (bulk) for (const i of indexes) db.exec(i.sql);
  db.exec('COMMIT');
  const ms = performance.now() - t;
  const rows = db
    .prepare('SELECT (SELECT count(*) FROM interactions) + (SELECT count(*) FROM participations)')
    .pluck()
    .get() as number;
  await store.close();
  return { ms, rows, maxRssKB: peakRssKB() };
}

async function childMain(mode: string): Promise<void> {
  const dbPath = flags.db;
  if (!dbPath) throw new Error('--child needs --db');
  if (mode === 'storage' || mode === 'storage-bulk') {
    const out = await storageChild(dbPath, flags.from ?? '', mode === 'storage-bulk');
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  if (mode === 'floor') {
    const out = await floorChild(flags.file ?? '', dbPath, Number(flags.count));
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const { openSqliteStore } = await import('../src/store/database.js');
  const { localContext } = await import('../src/app/context.js');
  const { importFiles } = await import('../src/app/import/index.js');
  const store = await openSqliteStore(dbPath);
  const ctx = await localContext(store, NOW);
  if (mode === 'idle') {
    const maxRssKB = peakRssKB();
    await store.close();
    process.stdout.write(`${JSON.stringify({ ms: 0, maxRssKB })}\n`);
    return;
  }
  if (mode !== 'mbox' && mode !== 'linkedin' && mode !== 'ics') throw new Error(`unknown child mode ${mode}`);
  let last = 0;
  // when each stage the import reports (messages, scoring, records…) was last reported
  const stageEnds = new Map<string, number>();
  // the JavaScript heap, sampled at each progress report (the rest of the peak is native: SQLite's cache, buffers)
  let peakHeap = 0;
  const onProgress = (stage: string, done: number, total: number) => {
    const now = performance.now();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    stageEnds.delete(stage);
    stageEnds.set(stage, now - t);
    if (now - last < 5000) return;
    last = now;
    process.stderr.write(
      `  ${mode} ${stage}: ${fmtN(done)} / ${fmtN(total)}${stage === 'messages' || (mode === 'ics' && stage === 'reading') ? ' bytes' : ''} (${fmtMs(now - t)})\n`,
    );
  };
  let session: import('node:inspector/promises').Session | undefined;
  if (flags['profile-out']) {
    const { Session } = await import('node:inspector/promises');
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
  const t = performance.now();
  const report = await importFiles(
    ctx,
    mode,
    [flags.file ?? ''],
    mode === 'mbox' || mode === 'ics' ? { me: [OWNER], onProgress } : { onProgress },
  );
  const ms = performance.now() - t;
  const maxRssKB = peakRssKB();
  if (session && flags['profile-out']) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(flags['profile-out'], JSON.stringify(profile));
    session.disconnect();
  }
  const raw = store.sqlite;
  const count = (sql: string) => (raw?.prepare(sql).pluck().get() as number | undefined) ?? 0;
  // each stage from the end of the one before (the first from the start) to its last report, then the rest (the commit)
  const ends = [...stageEnds];
  const phases = Object.fromEntries([
    ...ends.map(([stage, end], i) => [stage, end - (ends[i - 1]?.[1] ?? 0)]),
    ['after the last report', ms - (ends.at(-1)?.[1] ?? 0)],
  ]);
  const out = {
    ms,
    maxRssKB,
    peakHeap: Math.max(peakHeap, process.memoryUsage().heapUsed),
    phases,
    records: report.records,
    // calendars: the VEVENTs read and the meetings they hold (each occurrence of a series)
    ...(report.events !== undefined ? { events: report.events } : {}),
    ...(report.meetings !== undefined ? { meetings: report.meetings } : {}),
    interactions: report.interactions,
    exchanges: report.exchanges,
    people: report.people,
    skipped: report.skipped,
    issues: report.issues.length,
    issueCodes: Object.fromEntries(
      [...new Set(report.issues.map((i) => i.code))].map((c) => [c, report.issues.filter((i) => i.code === c).length]),
    ),
    candidates: report.candidates.length,
    stored: {
      people: count('SELECT count(*) FROM people'),
      interactions: count('SELECT count(*) FROM interactions'),
      participations: count('SELECT count(*) FROM participations'),
      replyLinks: count('SELECT count(*) FROM interactions WHERE reply_to_id IS NOT NULL'),
      stagedReplyKeys: count('SELECT count(*) FROM reply_keys'),
    },
  };
  await store.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------------------------
// the parent

interface ImportOut {
  ms: number;
  maxRssKB: number;
  /** the largest JavaScript heap in use seen at a progress report */
  peakHeap: number;
  /** each progress stage, from the last report of the one before to its own last report, then the rest (the commit) */
  phases: Record<string, number>;
  records: number;
  /** calendars: the VEVENTs read */
  events?: number;
  /** calendars: the meetings read (each occurrence of a series), created, already there or skipped */
  meetings?: number;
  interactions: { created: number; duplicates: number };
  exchanges: { created: number; duplicates: number };
  people: { created: number; matched: number };
  skipped: Record<string, number>;
  issues: number;
  issueCodes: Record<string, number>;
  candidates: number;
  stored: { people: number; interactions: number; participations: number; replyLinks: number; stagedReplyKeys: number };
}
interface StorageOut {
  ms: number;
  rows: number;
  maxRssKB: number;
}
interface FloorOut {
  ms: number;
  maxRssKB: number;
  bytes: number;
  rows: number;
}

/** A child's failure in one line: its error and the first frame, paths relative to the project. */
function failureOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('error: '));
  const first = at >= 0 ? (lines[at] ?? '').slice('error: '.length) : (lines[0] ?? '');
  const frame = at >= 0 ? (lines[at + 1] ?? '').trim() : '';
  return `${first}${frame ? ` ${frame}` : ''}`.replaceAll(`${ROOT}`, '').replace(/\|/g, '/');
}

/** the child running now, stopped with this process */
let running: ChildProcess | undefined;

/** Runs this file as a child measurement; its stderr goes through, its last stdout line is the result. */
function child<T>(mode: string, args: string[], nodeArgs: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SELF, '--child', mode, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    running = proc;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout.on('data', (b: Buffer) => out.push(b));
    proc.stderr.on('data', (b: Buffer) => {
      err.push(b);
      process.stderr.write(b);
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      running = undefined;
      if (code !== 0) {
        reject(new Error(`child ${mode} failed (${code}): ${Buffer.concat(err).toString('utf8').slice(-4000)}`));
        return;
      }
      const line = Buffer.concat(out).toString('utf8').trim().split('\n').pop() ?? '{}';
      resolve(JSON.parse(line) as T);
    });
  });
}

/** Runs the built `bin/rapport` as a user would, with its peak memory recorded at exit (bench/peak-rss.mjs). */
function cli(args: string[]): Promise<{ ms: number; maxRssKB: number; stdout: string }> {
  const peakFile = join(runDir, `peak-${Date.now()}.txt`);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const proc = spawn(
      process.execPath,
      ['--import', join(ROOT, 'bench', 'peak-rss.mjs'), join(ROOT, 'bin', 'rapport'), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1', PEAK_RSS_FILE: peakFile } },
    );
    running = proc;
    const out: Buffer[] = [];
    proc.stdout.on('data', (b: Buffer) => out.push(b));
    proc.on('error', reject);
    proc.on('close', (code) => {
      running = undefined;
      const ms = performance.now() - t;
      if (code !== 0) return reject(new Error(`rapport ${args.join(' ')} failed (${code})`));
      const maxRssKB = Number(readFileSync(peakFile, 'utf8'));
      rmSync(peakFile, { force: true });
      resolve({ ms, maxRssKB, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

const messagesFlag = flags.messages !== undefined ? Number(flags.messages) : undefined;
const rowsFlag = flags.rows !== undefined ? Number(flags.rows) : undefined;
const eventsFlag = flags.events !== undefined ? Number(flags.events) : undefined;
const custom = messagesFlag !== undefined || rowsFlag !== undefined || eventsFlag !== undefined;
const mode: 'full' | 'small' | 'custom' = custom ? 'custom' : flags.small ? 'small' : 'full';
const size = flags.small ? SMALL : FULL;
const MESSAGES = messagesFlag ?? size.messages;
const QUARTER = Math.max(1, Math.round(MESSAGES / 4));
const ROWS = rowsFlag ?? size.rows;
const EVENTS = eventsFlag ?? size.events;
const SEED = Number(flags.seed);

// ---- disk, work folder and clean-up

/** measured: the generated mbox, bytes per message */
const MBOX_BYTES_PER_MESSAGE = 1_300;
/** measured: the database after an mbox import, bytes per message (interactions, participations, people, indexes) */
const DB_BYTES_PER_MESSAGE = 600;
/** the generated calendar, bytes per VEVENT (about 1,000), and its databases (two, with margin) */
const ICS_BYTES_PER_EVENT = 1_100 + 2 * 1_000;

function checkDisk(): { needed: number; free: number; mbox: number; db: number } {
  mkdirSync(WORK, { recursive: true });
  const fs = statfsSync(WORK);
  const free = Number(fs.bavail) * Number(fs.bsize);
  const mbox = (MESSAGES + QUARTER) * MBOX_BYTES_PER_MESSAGE;
  const db = MESSAGES * DB_BYTES_PER_MESSAGE;
  // both mbox files, the import's database and its write-ahead log during the one transaction
  // (up to the database's size), the floor's scratch file (deleted before the import), the
  // LinkedIn export and its databases (small), the calendar and its database, and a margin
  const needed = mbox + db * 2 + ROWS * 20_000 + EVENTS * ICS_BYTES_PER_EVENT + 1024 ** 3;
  return { needed, free, mbox, db };
}

const runDir = join(WORK, `import-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
let cleaned = false;
function cleanUp(keep: boolean) {
  if (cleaned) return;
  cleaned = true;
  if (keep && existsSync(runDir)) log(`kept the files and databases: ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
}

// ---- the CPU profile of one import: self time by function and by module

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}
interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/**
 * The module a frame belongs to: a package (node_modules/x), a source file, node's internals,
 * native code (better-sqlite3's Statement (prepare), run, get, all: SQLite's own work), or the
 * engine's own entries ((garbage collector), (program), (idle)).
 */
function moduleOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native code (SQLite calls and builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const path = relative(ROOT, url.replace(/^file:\/\//, ''));
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return pkg ? `${pkg[1]} (package)` : path;
}

function selfTimes(profile: CpuProfile): { functions: SelfTime[]; modules: SelfTime[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i] ?? -1);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) continue;
    const f = node.callFrame;
    const module = moduleOf(f.functionName, f.url);
    const name = `${f.functionName || '(anonymous)'}${f.url ? ` [${module}]` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + dt);
    modules.set(module, (modules.get(module) ?? 0) + dt);
    total += dt;
  }
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }));
  return { functions: sorted(functions), modules: sorted(modules), totalMs: total };
}

// ---- the run

interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  result: string;
}

const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');

async function main(): Promise<void> {
  const startLoad = loadavg();
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${fmtMB(totalmem())} RAM, Node ${process.version}, better-sqlite3 SQLite ${new BetterSqlite3(':memory:').prepare('select sqlite_version()').pluck().get() as string}`;
  log(
    `Rapport import benchmark, ${mode} mode: ${fmtN(MESSAGES)} messages (and ${fmtN(QUARTER)}), ${fmtN(ROWS)} LinkedIn rows, ${fmtN(EVENTS)} calendar events, seed ${SEED}`,
  );
  log(`${machine}; load average ${load(startLoad)}`);

  const disk = checkDisk();
  log(
    `free disk in ${WORK}: ${fmtMB(disk.free)}; needed about ${fmtMB(disk.needed)} (mbox files about ${fmtMB(disk.mbox)}, database about ${fmtMB(disk.db)})`,
  );
  if (disk.free < disk.needed) {
    process.stderr.write(
      `error: not enough free disk for the import benchmark: ${fmtMB(disk.free)} free in ${WORK}, about ${fmtMB(disk.needed)} needed (the mbox files, the database, its log while importing and a margin). Free some space, or run \`npm run bench:import -- --small\`.\n`,
    );
    process.exitCode = 1;
    return;
  }
  mkdirSync(runDir, { recursive: true });
  const mboxFull = join(runDir, 'mail.mbox');
  const mboxQuarter = join(runDir, 'mail-quarter.mbox');
  const db = (name: string) => join(runDir, `${name}.db`);

  // ---- generate
  log(`generating the mbox: ${fmtN(MESSAGES)} messages, ${fmtN(CORRESPONDENTS)} correspondents`);
  let t = performance.now();
  const full: MboxStats = await writeMbox(mboxFull, {
    messages: MESSAGES,
    seed: SEED,
    owner: OWNER,
    people: CORRESPONDENTS,
  });
  const genMs = performance.now() - t;
  log(`  ${fmtMB(full.bytes)} in ${fmtMs(genMs)}: ${JSON.stringify(full)}`);
  t = performance.now();
  const quarter: MboxStats = await writeMbox(mboxQuarter, {
    messages: QUARTER,
    seed: SEED + 1,
    owner: OWNER,
    people: CORRESPONDENTS,
  });
  log(`  the 1/4 mbox: ${fmtMB(quarter.bytes)} in ${fmtMs(performance.now() - t)}: ${JSON.stringify(quarter)}`);

  let linkedin:
    | { folder: string; zip: string; files: { name: string; bytes: number }[]; zipBytes: number; ms: number }
    | undefined;
  let linkedinSkipped = '';
  try {
    const { generateLinkedinExport } = (await import('../src/importers/fixtures/linkedin-generate.js')) as {
      generateLinkedinExport: (rows: number, seed: number) => { name: string; bytes: Uint8Array }[];
    };
    t = performance.now();
    const entries = generateLinkedinExport(ROWS, SEED);
    const folder = join(runDir, 'linkedin');
    mkdirSync(folder, { recursive: true });
    for (const e of entries) writeFileSync(join(folder, e.name), e.bytes);
    const zip = join(runDir, 'linkedin.zip');
    const zipped = zipSync(Object.fromEntries(entries.map((e) => [e.name, e.bytes])));
    writeFileSync(zip, zipped);
    linkedin = {
      folder,
      zip,
      files: entries.map((e) => ({ name: e.name, bytes: e.bytes.length })),
      zipBytes: zipped.length,
      ms: performance.now() - t,
    };
    log(
      `  LinkedIn export, ${fmtN(ROWS)} rows: ${linkedin.files.map((f) => `${f.name} ${fmtN(f.bytes)} B`).join(', ')}; zip ${fmtN(zipped.length)} B (${fmtMs(linkedin.ms)})`,
    );
  } catch (error) {
    linkedinSkipped = `src/importers/fixtures/linkedin-generate.ts cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    log(`  LinkedIn skipped: ${linkedinSkipped}`);
  }

  const icsFile = join(runDir, 'calendar.ics');
  log(`generating the calendar: ${fmtN(EVENTS)} events, ${fmtN(CORRESPONDENTS)} people, ten years up to now`);
  t = performance.now();
  const calendar: CalendarStats = await writeCalendar(icsFile, {
    events: EVENTS,
    seed: SEED,
    owner: OWNER,
    people: CORRESPONDENTS,
    end: NOW,
  });
  const calendarGenMs = performance.now() - t;
  log(`  ${fmtSize(calendar.bytes)} in ${fmtMs(calendarGenMs)}: ${JSON.stringify(calendar)}`);

  // ---- the idle baseline
  log('idle child: the store opened, the import modules loaded, nothing imported');
  const idle = await child<{ maxRssKB: number }>('idle', ['--db', db('idle')]);
  removeDb(db('idle'));
  log(`  idle peak ${fmtMB(idle.maxRssKB * 1024)}`);

  // ---- floor and import, full file: the floor twice before the import and once after (its median)
  const floorRuns: FloorOut[] = [];
  const floor = async (label: string) => {
    log(`floor${label}: read ${fmtMB(full.bytes)} in 1 MiB chunks, insert ${fmtN(MESSAGES)} rows`);
    const f = await child<FloorOut>('floor', ['--db', db('floor'), '--file', mboxFull, '--count', String(MESSAGES)]);
    removeDb(db('floor'));
    floorRuns.push(f);
    log(`  ${fmtMs(f.ms)}, peak ${fmtMB(f.maxRssKB * 1024)}`);
  };
  await floor(' 1/3');
  await floor(' 2/3');
  const importDb = db('import');
  log(`mbox import: ${fmtN(MESSAGES)} messages into a fresh database`);
  const imp = await child<ImportOut>('mbox', ['--db', importDb, '--file', mboxFull]);
  log(
    `  ${fmtMs(imp.ms)} (${fmtRate(MESSAGES, imp.ms)}; ${JSON.stringify(imp.phases)}), peak ${fmtMB(imp.maxRssKB * 1024)} (JavaScript heap ${fmtMB(imp.peakHeap)}); created ${fmtN(imp.interactions.created)} interactions, ${fmtN(imp.people.created)} people; skipped ${JSON.stringify(imp.skipped)}; stored ${JSON.stringify(imp.stored)}`,
  );
  const dbBytes = databaseSize(importDb);
  log(`  database after the import: ${fmtMB(dbBytes)} (${fmtN(Math.round(dbBytes / MESSAGES))} bytes per message)`);
  log('mbox import again: the same file into the same database');
  const again = await child<ImportOut>('mbox', ['--db', importDb, '--file', mboxFull]);
  log(
    `  ${fmtMs(again.ms)}, peak ${fmtMB(again.maxRssKB * 1024)}; created ${fmtN(again.interactions.created)}, duplicates ${fmtN(again.interactions.duplicates)}`,
  );
  // a floor after the import too, so both sides of the ratio see the same machine state
  await floor(' 3/3, after the import');
  log("storage floor: the import's own interaction and participation rows copied in SQL into an empty database");
  const storage = await child<StorageOut>('storage', ['--db', db('storage'), '--from', importDb]);
  removeDb(db('storage'));
  const storageBulk = await child<StorageOut>('storage-bulk', ['--db', db('storage'), '--from', importDb]);
  removeDb(db('storage'));
  log(
    `  ${fmtN(storage.rows)} rows: in arrival order ${fmtMs(storage.ms)}; in key order, indexes built after ${fmtMs(storageBulk.ms)}`,
  );
  if (!flags.keep) removeDb(importDb);

  // ---- the 1/4 file: does peak memory grow with the file?
  log(`1/4 size: floor and mbox import of ${fmtN(QUARTER)} messages`);
  const qFloor = await child<FloorOut>('floor', [
    '--db',
    db('floor-quarter'),
    '--file',
    mboxQuarter,
    '--count',
    String(QUARTER),
  ]);
  removeDb(db('floor-quarter'));
  const qImport = await child<ImportOut>('mbox', ['--db', db('import-quarter'), '--file', mboxQuarter]);
  if (!flags.keep) removeDb(db('import-quarter'));
  log(
    `  floor ${fmtMs(qFloor.ms)}; import ${fmtMs(qImport.ms)} (${fmtRate(QUARTER, qImport.ms)}), peak ${fmtMB(qImport.maxRssKB * 1024)} (JavaScript heap ${fmtMB(qImport.peakHeap)})`,
  );

  // ---- the same import through the built CLI, as a user runs it: wall clock and peak memory
  log(`mbox import through bin/rapport: ${fmtN(MESSAGES)} messages into a fresh database`);
  const nowIso = new Date(NOW).toISOString();
  const cliIdle = await cli(['--db', db('cli-idle'), '--now', nowIso, 'people', '--json']);
  removeDb(db('cli-idle'));
  // twice, each into a fresh database: the peak depends on when collections happen, so the
  // higher of the two is the figure
  const cliRuns: { ms: number; maxRssKB: number; stdout: string }[] = [];
  for (const run of [1, 2]) {
    removeDb(db('cli'));
    const r = await cli(['--db', db('cli'), '--now', nowIso, 'import', 'mbox', mboxFull, '--me', OWNER, '--json']);
    if (!flags.keep) removeDb(db('cli'));
    cliRuns.push(r);
    log(`  run ${run}: ${fmtMs(r.ms)} wall clock, peak ${fmtMB(r.maxRssKB * 1024)}`);
  }
  const cliImport = {
    ms: median(cliRuns.map((r) => r.ms)),
    maxRssKB: Math.max(...cliRuns.map((r) => r.maxRssKB)),
    stdout: cliRuns[0]?.stdout ?? '{}',
  };
  const cliReport = JSON.parse(cliImport.stdout) as { interactions: { created: number } };
  log(`  idle ${fmtMB(cliIdle.maxRssKB * 1024)}; created ${fmtN(cliReport.interactions.created)} interactions`);

  // ---- a CPU profile of one more import, on request: the import call only, in its child
  let profile: ReturnType<typeof selfTimes> | undefined;
  const profiled = mode === 'full' ? { file: mboxQuarter, messages: QUARTER } : { file: mboxFull, messages: MESSAGES };
  if (flags.profile) {
    const out = join(runDir, 'import.cpuprofile');
    log(`CPU profile of one more mbox import (${fmtN(profiled.messages)} messages, the call only): ${out}`);
    const r = await child<ImportOut>('mbox', [
      '--db',
      db('import-profile'),
      '--file',
      profiled.file,
      '--profile-out',
      out,
    ]);
    removeDb(db('import-profile'));
    profile = selfTimes(JSON.parse(readFileSync(out, 'utf8')) as CpuProfile);
    log(`  ${fmtMs(r.ms)} while profiled; self time by module:`);
    for (const p of profile.modules.slice(0, 12))
      log(`    ${(p.share * 100).toFixed(1).padStart(5)}%  ${fmtMs(p.ms).padStart(8)}  ${p.name}`);
    log('  self time by function:');
    for (const p of profile.functions.slice(0, 20))
      log(`    ${(p.share * 100).toFixed(1).padStart(5)}%  ${fmtMs(p.ms).padStart(8)}  ${p.name}`);
  }

  // ---- LinkedIn
  // (a failure here is reported in the results, and the mbox figures are still written)
  let li: ImportOut | undefined;
  let liZip: ImportOut | undefined;
  let liFailed: { reason: string; ms: number } | undefined;
  if (linkedin) {
    log(`LinkedIn import: the export's folder (${fmtN(ROWS)} rows)`);
    const wall = performance.now();
    try {
      li = await child<ImportOut>('linkedin', ['--db', db('linkedin'), '--file', linkedin.folder]);
      log(
        `  ${fmtMs(li.ms)}, peak ${fmtMB(li.maxRssKB * 1024)}; ${fmtN(li.records)} records, ${fmtN(li.people.created)} people, ${fmtN(li.interactions.created)} interactions, ${fmtN(li.exchanges.created)} exchanges, ${li.issues} issues`,
      );
      log('LinkedIn import: the same export as a zip');
      liZip = await child<ImportOut>('linkedin', ['--db', db('linkedin-zip'), '--file', linkedin.zip]);
      log(`  ${fmtMs(liZip.ms)}, peak ${fmtMB(liZip.maxRssKB * 1024)}; ${fmtN(liZip.records)} records`);
    } catch (error) {
      liFailed = { reason: failureOf(error), ms: performance.now() - wall };
      log(`  LinkedIn import failed after ${fmtMs(liFailed.ms)} (wall clock): ${liFailed.reason}`);
    }
    if (!flags.keep) for (const name of ['linkedin', 'linkedin-zip']) removeDb(db(name));
  }

  // ---- the calendar: a fresh database, then the same file again into it
  // (a failure here is reported in the results, and the other figures are still written)
  let ics: ImportOut | undefined;
  let icsAgain: ImportOut | undefined;
  let icsDbBytes = 0;
  let icsFailed: { reason: string; ms: number; again: boolean } | undefined;
  log(`calendar import: ${fmtN(EVENTS)} events (${fmtSize(calendar.bytes)}) into a fresh database`);
  let icsWall = performance.now();
  try {
    ics = await child<ImportOut>('ics', ['--db', db('ics'), '--file', icsFile]);
    icsDbBytes = databaseSize(db('ics'));
    log(
      `  ${fmtMs(ics.ms)} (${fmtRate(EVENTS, ics.ms)}; ${JSON.stringify(ics.phases)}), peak ${fmtMB(ics.maxRssKB * 1024)} (JavaScript heap ${fmtMB(ics.peakHeap)}); ${fmtN(ics.events ?? 0)} events, ${fmtN(ics.meetings ?? 0)} meetings; created ${fmtN(ics.interactions.created)} interactions, ${fmtN(ics.people.created)} people; skipped ${JSON.stringify(ics.skipped)}; ${ics.issues} issues ${JSON.stringify(ics.issueCodes)}; stored ${JSON.stringify(ics.stored)}; database ${fmtSize(icsDbBytes)}`,
    );
    log('calendar import again: the same file into the same database');
    icsWall = performance.now();
    icsAgain = await child<ImportOut>('ics', ['--db', db('ics'), '--file', icsFile]);
    log(
      `  ${fmtMs(icsAgain.ms)}, peak ${fmtMB(icsAgain.maxRssKB * 1024)}; created ${fmtN(icsAgain.interactions.created)}, duplicates ${fmtN(icsAgain.interactions.duplicates)}`,
    );
  } catch (error) {
    icsFailed = { reason: failureOf(error), ms: performance.now() - icsWall, again: ics !== undefined };
    log(
      `  calendar ${icsFailed.again ? 're-import' : 'import'} failed after ${fmtMs(icsFailed.ms)} (wall clock): ${icsFailed.reason}`,
    );
  }
  if (!flags.keep) removeDb(db('ics'));

  // ---- results
  const importMs = imp.ms;
  const floorMs = median(floorRuns.map((f) => f.ms));
  const peak = imp.maxRssKB * 1024;
  const qPeak = qImport.maxRssKB * 1024;
  const idleB = idle.maxRssKB * 1024;
  const floorPeak = Math.max(...floorRuns.map((f) => f.maxRssKB)) * 1024;
  const pass = (ok: boolean) => (ok ? 'pass' : '**fail**');
  const floorText = `${fmtMs(floorMs)}: read the file in 1 MiB chunks and insert ${fmtN(MESSAGES)} rows (six columns) with one prepared statement, one transaction (median of ${floorRuns.length})`;
  const rows: Row[] = [
    {
      figure: `mbox import into a fresh database (${fmtN(MESSAGES)} messages, ${fmtMB(full.bytes)}; ${fmtN(imp.interactions.created)} interactions)`,
      value: fmtMs(importMs),
      floor: floorText,
      ratio: ratio(importMs, floorMs),
      target: '≤ 3×',
      result: pass(importMs <= 3 * floorMs),
    },
    {
      figure: `storage floor: the import's own ${fmtN(imp.stored.interactions)} interaction and ${fmtN(imp.stored.participations)} participation rows copied with INSERT … SELECT into an empty database of the same schema, in the order an import writes them`,
      value: fmtMs(storage.ms),
      floor: floorText,
      ratio: ratio(storage.ms, floorMs),
      target: '—',
      result: '—',
    },
    {
      figure:
        "the same rows in each table's key order, secondary indexes dropped first and built afterwards (the cheapest way SQLite holds them)",
      value: fmtMs(storageBulk.ms),
      floor: fmtMs(floorMs),
      ratio: ratio(storageBulk.ms, floorMs),
      target: '—',
      result: '—',
    },
    {
      figure: 'mbox import against the storage floor in arrival order',
      value: fmtMs(importMs),
      floor: fmtMs(storage.ms),
      ratio: ratio(importMs, storage.ms),
      target: '—',
      result: '—',
    },
    {
      figure: 'mbox import, messages per second',
      value: fmtRate(MESSAGES, importMs),
      floor: fmtRate(MESSAGES, floorMs),
      ratio: '—',
      target: '—',
      result: '—',
    },
    {
      figure: `mbox import of the same file again (idempotent: ${fmtN(again.interactions.created)} created, ${fmtN(again.interactions.duplicates)} duplicates)`,
      value: fmtMs(again.ms),
      floor: fmtMs(floorMs),
      ratio: ratio(again.ms, floorMs),
      target: '0 created',
      result: pass(again.interactions.created === 0 && again.people.created === 0),
    },
    {
      figure: `mbox import at 1/4 size (${fmtN(QUARTER)} messages, ${fmtMB(quarter.bytes)}; ${fmtN(qImport.interactions.created)} interactions)`,
      value: fmtMs(qImport.ms),
      floor: `${fmtMs(qFloor.ms)}: the same floor on that file`,
      ratio: ratio(qImport.ms, qFloor.ms),
      target: '≤ 3×',
      result: pass(qImport.ms <= 3 * qFloor.ms),
    },
    {
      figure: `\`rapport import mbox\` (the built CLI), wall clock, ${fmtN(MESSAGES)} messages (mean of 2 runs: ${cliRuns.map((r) => fmtMs(r.ms)).join(', ')})`,
      value: fmtMs(cliImport.ms),
      floor: `${fmtMs(floorMs)}: the floor above`,
      ratio: ratio(cliImport.ms, floorMs),
      target: '—',
      result: '—',
    },
    {
      figure: `\`rapport import mbox\` (the built CLI), peak memory, ${fmtN(MESSAGES)} messages (the higher of 2 runs: ${cliRuns.map((r) => fmtMB(r.maxRssKB * 1024)).join(', ')})`,
      value: fmtMB(cliImport.maxRssKB * 1024),
      floor: `${fmtMB(cliIdle.maxRssKB * 1024)}: \`rapport people --json\` on an empty database`,
      ratio: ratio(cliImport.maxRssKB, cliIdle.maxRssKB),
      target: '< 300 MB',
      result: pass(cliImport.maxRssKB * 1024 < 300 * 1024 * 1024),
    },
    {
      figure: `mbox import, peak memory (peak resident size of the measuring child, run with tsx), ${fmtN(MESSAGES)} messages`,
      value: fmtMB(peak),
      floor: `${fmtMB(idleB)}: the same child, store open, modules loaded, nothing imported`,
      ratio: ratio(peak, idleB),
      target: '—',
      result: '—',
    },
    {
      figure: `mbox import, peak memory, ${fmtN(QUARTER)} messages (1/4 of the file)`,
      value: fmtMB(qPeak),
      floor: fmtMB(idleB),
      ratio: ratio(qPeak, idleB),
      target: '—',
      result: '—',
    },
    {
      figure: 'peak memory growth from the 1/4 file to the full one (4× the messages)',
      value: `${peak >= qPeak ? '+' : '−'}${fmtMB(Math.abs(peak - qPeak))}`,
      floor: `above idle: ${fmtMB(Math.max(0, qPeak - idleB))} → ${fmtMB(Math.max(0, peak - idleB))}`,
      ratio: ratio(peak - idleB, qPeak - idleB),
      target: 'bounded',
      result: '—',
    },
    {
      figure: 'floor, peak memory (peak resident size of its child)',
      value: fmtMB(floorPeak),
      floor: '—',
      ratio: '—',
      target: '—',
      result: '—',
    },
  ];
  if (liFailed)
    rows.push({
      figure: `LinkedIn import, the export's folder (${fmtN(ROWS)} connections)`,
      value: `failed after ${fmtMs(liFailed.ms)}`,
      floor: '—',
      ratio: '—',
      target: '—',
      result: '**failed**',
    });
  if (li && liZip && linkedin) {
    rows.push(
      {
        figure: `LinkedIn import, the export's folder (${fmtN(ROWS)} connections, ${fmtN(li.records)} records; ${fmtN(li.people.created)} people, ${fmtN(li.interactions.created)} interactions, ${fmtN(li.exchanges.created)} exchanges)`,
        value: fmtMs(li.ms),
        floor: '—',
        ratio: '—',
        target: '—',
        result: '—',
      },
      {
        figure: 'LinkedIn import, rows (connections) per second / records per second',
        value: `${fmtRate(ROWS, li.ms)} / ${fmtRate(li.records, li.ms)}`,
        floor: '—',
        ratio: '—',
        target: '—',
        result: '—',
      },
      {
        figure: 'LinkedIn import, peak memory (peak resident size of the child)',
        value: fmtMB(li.maxRssKB * 1024),
        floor: fmtMB(idleB),
        ratio: ratio(li.maxRssKB * 1024, idleB),
        target: '—',
        result: '—',
      },
      {
        figure: `LinkedIn import, the same export as a zip (${fmtSize(linkedin.zipBytes)}), fresh database`,
        value: fmtMs(liZip.ms),
        floor: `${fmtMs(li.ms)}: the folder`,
        ratio: ratio(liZip.ms, li.ms),
        target: '—',
        result: '—',
      },
    );
  }

  if (ics)
    rows.push(
      {
        figure: `calendar import into a fresh database (${fmtN(EVENTS)} events, ${fmtSize(calendar.bytes)}; ${fmtN(ics.meetings ?? 0)} meetings read; stored ${fmtN(ics.stored.interactions)} interactions, ${fmtN(ics.stored.participations)} participations, ${fmtN(ics.stored.people)} people)`,
        value: fmtMs(ics.ms),
        floor: '—',
        ratio: '—',
        target: '—',
        result: '—',
      },
      {
        figure: 'calendar import, events (VEVENTs) per second / meetings per second',
        value: `${fmtRate(EVENTS, ics.ms)} / ${fmtRate(ics.meetings ?? 0, ics.ms)}`,
        floor: '—',
        ratio: '—',
        target: '—',
        result: '—',
      },
      {
        figure: 'calendar import, peak memory (peak resident size of the child)',
        value: fmtMB(ics.maxRssKB * 1024),
        floor: fmtMB(idleB),
        ratio: ratio(ics.maxRssKB * 1024, idleB),
        target: '—',
        result: '—',
      },
    );
  if (ics && icsAgain)
    rows.push({
      figure: `calendar import of the same file again (idempotent: ${fmtN(icsAgain.interactions.created)} created, ${fmtN(icsAgain.interactions.duplicates)} duplicates)`,
      value: fmtMs(icsAgain.ms),
      floor: `${fmtMs(ics.ms)}: the first import`,
      ratio: ratio(icsAgain.ms, ics.ms),
      target: '0 created',
      result: pass(icsAgain.interactions.created === 0 && icsAgain.people.created === 0),
    });
  if (icsFailed)
    rows.push({
      figure: icsFailed.again
        ? 'calendar import of the same file again'
        : `calendar import into a fresh database (${fmtN(EVENTS)} events)`,
      value: `failed after ${fmtMs(icsFailed.ms)}`,
      floor: '—',
      ratio: '—',
      target: '—',
      result: '**failed**',
    });

  const table = markdownTable(
    ['figure', 'measured', 'floor', 'ratio', 'target', 'result'],
    ['left', 'right', 'left', 'right', 'left', 'left'],
    rows.map((r) => [r.figure, r.value, r.floor, r.ratio, r.target, r.result]),
  );
  const skipped = (r: ImportOut) =>
    Object.entries(r.skipped)
      .map(([k, v]) => `${k} ${fmtN(v)}`)
      .join(', ') || 'none';
  const phases = (r: ImportOut) =>
    Object.entries(r.phases)
      .map(([k, v]) => `${k} ${fmtMs(v)}`)
      .join(', ') || '—';
  const totalMs = performance.now() - started;
  const title =
    mode === 'full'
      ? 'Imports, full size'
      : mode === 'small'
        ? 'Imports, small mode (`npm run bench:import -- --small`)'
        : 'Imports, custom size';
  const section = [
    `## ${title}: ${fmtN(MESSAGES)}-message mbox, ${fmtN(ROWS)}-row LinkedIn export, ${fmtN(EVENTS)}-event calendar (seed ${SEED})`,
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machine}. The whole run took ${fmtMs(totalMs)}; load average ${load(startLoad)} at the start, ${load(loadavg())} at the end. \`npm run bench:import\` (bench/import-run.ts) generates the files (bench/mail-generate.ts, src/importers/fixtures/linkedin-generate.ts, bench/calendar-generate.ts), runs each import with \`importFiles\` in a child process of its own (the time is the call's; the peak memory is the child's VmHWM), and deletes what it created. The floor is measured by a child in the same run: it reads the same file in 1 MiB chunks and inserts as many rows as the file holds messages with one prepared statement in one transaction, with the store's pragmas. The storage floor is what SQLite alone takes to hold the import's own rows: a child copies the finished import's interactions and participations with INSERT … SELECT into an empty database of the same schema. The calendar is a Google Calendar-like export of ${fmtN(EVENTS)} VEVENTs over ten years (series with changed occurrences, cancelled and declined meetings, updated ones), imported with the owner's address into a fresh database and then again into the same one, which should store nothing new; it is read whole, so its time includes the parse, and it has no floor.`,
    '',
    table,
    '',
    `- mbox: ${fmtN(full.messages)} messages, ${fmtN(full.bytes)} bytes (${fmtN(Math.round(full.bytes / full.messages))} per message), ${fmtN(CORRESPONDENTS)} correspondents, owner ${OWNER}; from the owner ${fmtN(full.fromOwner)}, replies ${fmtN(full.replies)}, automated ${fmtN(full.automated)}, list mail ${fmtN(full.lists)}; generated in ${fmtMs(genMs)}. The 1/4 file: ${fmtN(quarter.messages)} messages, ${fmtN(quarter.bytes)} bytes (seed ${SEED + 1}).`,
    `- The import's report: ${fmtN(imp.records)} records, ${fmtN(imp.interactions.created)} interactions created, ${fmtN(imp.people.created)} people created (${fmtN(imp.candidates)} possible duplicates reported), skipped: ${skipped(imp)}; ${imp.issues} issues${imp.issues > 0 ? ` (${JSON.stringify(imp.issueCodes)})` : ''}. Stored: ${fmtN(imp.stored.interactions)} interactions, ${fmtN(imp.stored.participations)} participations, ${fmtN(imp.stored.replyLinks)} linked to the message they answer, ${fmtN(imp.stored.stagedReplyKeys)} reply keys still staged; database ${fmtMB(dbBytes)} (${fmtN(Math.round(dbBytes / MESSAGES))} bytes per message).`,
    `- Phases of the import (each stage up to its last progress report; "scoring" includes linking replies and first answers before the first scoring report): ${phases(imp)}; of the second import: ${phases(again)}; of the 1/4 import: ${phases(qImport)}.`,
    `- Memory: the JavaScript heap in use peaked (sampled at each progress report) at ${fmtMB(imp.peakHeap)} for the full file and ${fmtMB(qImport.peakHeap)} for the 1/4 file, ${fmtMB(again.peakHeap)} for the second import; the rest of the peak resident size is the runtime, the reader's worker thread and native memory (the store sets SQLite's page cache to 64 MB, an import to 40 MB; the floor's child, with the store's settings, peaks at ${fmtMB(floorPeak)}).`,
    `- Runs: floor ${floorRuns.map((f) => fmtMs(f.ms)).join(', ')} (the last one after the import, the median used); second import ${fmtMs(again.ms)} (peak ${fmtMB(again.maxRssKB * 1024)}); 1/4 file: skipped ${skipped(qImport)}.`,
    linkedin && li
      ? `- LinkedIn export: ${linkedin.files.map((f) => `${f.name} ${fmtN(f.bytes)} B`).join(', ')}; zip ${fmtN(linkedin.zipBytes)} B; generated in ${fmtMs(linkedin.ms)}. Report: ${fmtN(li.records)} records, people ${fmtN(li.people.created)} created and ${fmtN(li.people.matched)} matched, ${fmtN(li.interactions.created)} interactions, ${fmtN(li.exchanges.created)} exchanges, ${li.issues} issues${li.issues > 0 ? ` (${JSON.stringify(li.issueCodes)})` : ''}; skipped: ${skipped(li)}.`
      : linkedin && liFailed
        ? `- LinkedIn export: ${linkedin.files.map((f) => `${f.name} ${fmtN(f.bytes)} B`).join(', ')}; zip ${fmtN(linkedin.zipBytes)} B; generated in ${fmtMs(linkedin.ms)}. The import failed after ${fmtMs(liFailed.ms)} (wall clock of its child): ${liFailed.reason}; the zip was not tried.`
        : `- LinkedIn: not measured: ${linkedinSkipped}.`,
    `- Calendar: ${fmtN(calendar.vevents)} VEVENTs, ${fmtN(calendar.bytes)} bytes (${fmtN(Math.round(calendar.bytes / Math.max(1, calendar.vevents)))} per VEVENT), owner ${OWNER}, ${fmtN(calendar.attendees)} people named; ${fmtN(calendar.singles)} single events (${fmtN(calendar.allDay)} all-day, ${fmtN(calendar.personal)} without guests, ${fmtN(calendar.cancelled)} cancelled, ${fmtN(calendar.future)} after now), ${fmtN(calendar.series)} series with ${fmtN(calendar.overrides)} changed occurrences and ${fmtN(calendar.exdates)} EXDATEs, ${fmtN(calendar.updates)} events written twice (SEQUENCE raised), ${fmtN(calendar.declined)} declined by the owner, ${fmtN(calendar.rooms)} with a room, ${fmtN(calendar.alarms)} VALARMs; generated in ${fmtMs(calendarGenMs)}.${
      ics
        ? ` Report: ${fmtN(ics.records)} records, ${fmtN(ics.events ?? 0)} events, ${fmtN(ics.meetings ?? 0)} meetings, ${fmtN(ics.interactions.created)} interactions and ${fmtN(ics.people.created)} people created, skipped: ${skipped(ics)}; ${ics.issues} issues${ics.issues > 0 ? ` (${JSON.stringify(ics.issueCodes)})` : ''}. Stored: ${fmtN(ics.stored.interactions)} interactions, ${fmtN(ics.stored.participations)} participations; database ${fmtSize(icsDbBytes)}. Phases: ${phases(ics)}; JavaScript heap peaked at ${fmtMB(ics.peakHeap)}.`
        : ''
    }${
      icsAgain
        ? ` The second import: ${fmtMs(icsAgain.ms)}, ${fmtN(icsAgain.interactions.created)} created, ${fmtN(icsAgain.interactions.duplicates)} already there, skipped: ${skipped(icsAgain)}; peak ${fmtMB(icsAgain.maxRssKB * 1024)}.`
        : ''
    }${icsFailed ? ` The ${icsFailed.again ? 'second import' : 'import'} failed after ${fmtMs(icsFailed.ms)} (wall clock of its child): ${icsFailed.reason}.` : ''}`,
    ...(profile
      ? [
          `- CPU profile (\`--profile\`) of one more import of ${fmtN(profiled.messages)} messages, the \`importFiles\` call only, self time by module: ${profile.modules
            .slice(0, 8)
            .map((p) => `${p.name} ${(p.share * 100).toFixed(0)}%`)
            .join(', ')}; by function: ${profile.functions
            .slice(0, 8)
            .map((p) => `${p.name} ${(p.share * 100).toFixed(0)}%`)
            .join(', ')}.`,
        ]
      : []),
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (mode !== 'custom') writeResults(mode === 'full' ? 'import-full' : 'import-small', section);
  else log('custom size: bench/RESULTS.md left as it is');
}

/** Replaces this benchmark's own section of bench/RESULTS.md; the others stay as they are. */
function writeResults(which: 'import-full' | 'import-small', section: string): void {
  writeSection(RESULTS, which, section, '# Benchmarks\n');
  log(`wrote ${RESULTS}`);
}

if (flags.child !== undefined) {
  try {
    await childMain(flags.child);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
} else {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      log(`${signal}: cleaning up`);
      running?.kill(signal);
      cleanUp(false);
      process.exit(130);
    });
  try {
    await main();
    cleanUp(flags.keep);
  } catch (error) {
    cleanUp(flags.keep);
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
