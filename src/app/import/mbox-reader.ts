import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MailLists } from '../../importers/mail.js';
import type { InteractionRecord } from '../../importers/records.js';
import { AppError } from '../errors.js';
import { ACK, type FromWorker, type MboxJob, type ToWorker } from './mbox-protocol.js';

/**
 * Reads an mbox on a worker thread (mbox-worker.ts): splitting and header parsing, a fifth of
 * an import's time, run on the second core while this thread resolves people and stores.
 */

export type MboxBatch = FromWorker & { type: 'batch' };

/**
 * The worker: the script built next to the CLI's chunks (dist/mbox-worker.js), or, when running
 * from src/ (tests, benchmarks), its TypeScript source loaded through tsx's loader, registered
 * inside the worker (a worker does not inherit the loader of the thread that starts it).
 */
function startWorker(job: MboxJob): Worker {
  // a small heap for reading (it keeps one batch); counting keeps every distinct address
  const resourceLimits =
    job.mode === 'items'
      ? { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 32 }
      : { maxOldGenerationSizeMb: 1024 };
  for (const path of ['./mbox-worker.js', '../mbox-worker.js']) {
    const url = new URL(path, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url)))
      return new Worker(url, { workerData: job, resourceLimits });
  }
  const source = new URL('./mbox-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source)))
    throw new Error('the mbox reader’s worker (mbox-worker.js) is missing: run `npm run build`');
  // tsx's ESM entry (require.resolve finds its CommonJS twin, index.cjs, beside it)
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(boot, { eval: true, workerData: job, resourceLimits });
}

/** Every message the worker sends, in order, until it is done; the worker is stopped when the caller stops. */
async function* fromWorker(file: string, job: MboxJob): AsyncGenerator<FromWorker> {
  const worker = startWorker(job);
  const queue: FromWorker[] = [];
  let head = 0;
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: FromWorker) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      if (head < queue.length) {
        const m = queue[head++] as FromWorker;
        if (head > 64) {
          queue.splice(0, head);
          head = 0;
        }
        if (m.type === 'error') throw new AppError('file_rejected', `${file} could not be read: ${m.message}`);
        yield m;
        if (m.type === 'done') return;
        if (m.type === 'batch') {
          // the batch is stored: its buffer goes back to be filled again
          const buffer = m.records.buffer as ArrayBuffer;
          worker.postMessage({ type: ACK, buffer } satisfies ToWorker, [buffer]);
        }
        continue;
      }
      if (failure)
        throw new AppError('internal', `the mbox reader failed on ${file}: ${failure.message}`, {
          cause: (failure as NodeJS.ErrnoException).code ?? failure.name,
        });
      if (exited) throw new Error(`the mbox reader stopped before the end of ${file}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    await worker.terminate();
  }
}

/** How many messages hold each address (From, To, Cc): to guess the user's own. */
export async function mboxAddressCounts(
  file: string,
  onProgress?: (bytes: number, messages: number) => void,
): Promise<{ counts: Map<string, number>; messages: number }> {
  let counts = new Map<string, number>();
  let messages = 0;
  for await (const m of fromWorker(file, { file, mode: 'count', me: [] })) {
    if (m.type === 'progress') onProgress?.(m.bytes, m.messages);
    else if (m.type === 'counts') counts = new Map(m.counts);
    else if (m.type === 'done') messages = m.messages;
  }
  return { counts, messages };
}

/**
 * What to import from each message, in batches in file order (interactions, issues, and counts
 * of messages skipped by reason), read ahead by the worker while the caller stores the last batch.
 * Returns how many messages the file holds, and the mailing lists known after it.
 */
export async function* mboxBatches(
  file: string,
  me: ReadonlySet<string>,
  opts: { now?: number; lists?: MailLists; writtenTo?: readonly string[] } = {},
): AsyncGenerator<
  MboxBatch,
  {
    messages: number;
    lists?: MailLists | undefined;
    aliases?: string[] | undefined;
    tabs?: { json: string; reason: string }[] | undefined;
  }
> {
  for await (const m of fromWorker(file, { file, mode: 'items', me: [...me], ...opts })) {
    if (m.type === 'batch') yield m;
    else if (m.type === 'done') return { messages: m.messages, lists: m.lists, aliases: m.aliases, tabs: m.tabs };
  }
  return { messages: 0 };
}

/** The interactions of a batch, decoded one at a time. */
export function* batchRecords(batch: MboxBatch): Generator<InteractionRecord> {
  const bytes = Buffer.from(batch.records.buffer, batch.records.byteOffset, batch.records.byteLength);
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    yield JSON.parse(bytes.toString('utf8', start, end)) as InteractionRecord;
    start = end + 1;
  }
}
