/**
 * Runs in its own process, so its peak memory is its own: `rescore` rescores the
 * workspace; `idle` opens the same store with the same modules loaded and does nothing more
 * (the baseline). Prints one JSON line.
 *
 *   node --import tsx bench/child.ts rescore|idle DB_FILE NOW_MS
 */
import { localContext } from '../src/app/context.js';
import { rescore } from '../src/app/rescore.js';
import { openSqliteStore } from '../src/store/database.js';
import { countPeople } from '../src/store/person.repository.js';
import { peakRssKB } from './figures.js';

const [mode, path, nowText] = process.argv.slice(2);
if ((mode !== 'rescore' && mode !== 'idle') || !path || !nowText) {
  process.stderr.write('usage: child.ts rescore|idle DB_FILE NOW_MS\n');
  process.exit(2);
}
const store = await openSqliteStore(path);
const ctx = await localContext(store, Number(nowText));
let result: Record<string, number> = {};
const started = performance.now();
if (mode === 'rescore') {
  const r = await rescore(ctx);
  result = { ms: performance.now() - started, people: r.people, events: r.events };
} else {
  result = { ms: performance.now() - started, people: await countPeople(store.db, ctx.workspaceId), events: 0 };
}
await store.close();
process.stdout.write(`${JSON.stringify({ ...result, maxRssKB: peakRssKB() })}\n`);
