/**
 * The mbox reader's worker thread (started by mbox-reader.ts): reads the file, splits it into
 * messages and parses their headers on the second core while the main thread stores what it
 * sends. It sends batches and waits while MAX_UNREAD of them are unread, so however fast it
 * reads, memory stays bounded.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { countAddresses, listsOf, mailContext, mailItem, ReconsideredMail } from '../../importers/mail.js';
import { MailBytes } from '../../importers/mail-bytes.js';
import { importedMessageIssues, parseHeaders } from '../../importers/mail-headers.js';
import { MboxSplitter, type RawMessage } from '../../importers/mail-split.js';
import type { ParseIssue } from '../../importers/records.js';
import { ACK, BATCH_MESSAGES, type FromWorker, MAX_UNREAD, type MboxJob, type ToWorker } from './mbox-protocol.js';

const CHUNK_BYTES = 1024 * 1024;
const encoder = new TextEncoder();
/** Buffers the main thread has handed back, reused for the next batches. */
const pool: ArrayBuffer[] = [];

const port = parentPort;
if (!port) throw new Error('mbox-worker.ts runs as a worker thread (see mbox-reader.ts)');

let unread = 0;
let wake: (() => void) | undefined;
port.on('message', (m: ToWorker) => {
  if (m.type !== ACK) return;
  if (m.buffer) pool.push(m.buffer);
  unread--;
  wake?.();
});

/**
 * Text as UTF-8 in a buffer of the pool (a new one when none is free or large enough): the
 * buffers go back and forth instead of each batch allocating one that waits for a collection.
 */
function encode(text: string): Uint8Array {
  let buffer = pool.pop() ?? new ArrayBuffer(1024 * 1024);
  for (;;) {
    const { read, written } = encoder.encodeInto(text, new Uint8Array(buffer));
    if (read === text.length) return new Uint8Array(buffer, 0, written);
    buffer = new ArrayBuffer(Math.max(buffer.byteLength * 2, text.length * 3));
  }
}

function send(m: FromWorker): void {
  port?.postMessage(m);
}

async function sendBatch(m: FromWorker & { type: 'batch' }): Promise<void> {
  // the records' bytes are handed over, not copied
  port?.postMessage(m, [m.records.buffer as ArrayBuffer]);
  unread++;
  while (unread >= MAX_UNREAD)
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  wake = undefined;
}

async function* messages(file: string, onChunk: (bytes: number, messages: number) => void) {
  const splitter = new MboxSplitter();
  // a UTF-16 mailbox is read as UTF-8 (see MailBytes); progress counts the file's own bytes
  const text = new MailBytes();
  let bytes = 0;
  let found = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    bytes += (chunk as Buffer).length;
    const list = splitter.push(text.push(chunk as Buffer));
    found += list.length;
    for (const raw of list) yield { raw, bytes, found };
    onChunk(bytes, found);
  }
  for (const raw of [...splitter.push(text.end()), ...splitter.end()]) yield { raw, bytes, found: ++found };
}

function parse(raw: RawMessage, now?: number) {
  const m = parseHeaders(raw.headerBytes, { line: raw.line, record: `message ${raw.index}` }, raw.envelope, now);
  // an invitation or answer a calendar sent as one part of the message (see calendar-part.ts)
  if (raw.calendarPart && !('code' in m)) m.calendar = true;
  return m;
}

async function countMode(job: MboxJob): Promise<void> {
  const counts = new Map<string, number>();
  let total = 0;
  for await (const { raw } of messages(job.file, (bytes, n) => send({ type: 'progress', bytes, messages: n }))) {
    total++;
    const m = parse(raw, job.now);
    if ('code' in m) continue;
    for (const address of new Set(countAddresses(m))) counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  send({ type: 'counts', counts: [...counts] });
  send({ type: 'done', messages: total });
}

async function itemsMode(job: MboxJob): Promise<void> {
  const me = new Set(job.me);
  const context = mailContext(job.now, job.lists, job.writtenTo);
  // each record as its JSON line at once: the objects die young, only the lines wait for the batch
  let batch = { records: [] as string[], issues: [] as ParseIssue[], skips: {} as Record<string, number> };
  let inBatch = 0;
  let total = 0;
  let bytesRead = 0;
  const flush = async () => {
    await sendBatch({
      type: 'batch',
      records: encode(batch.records.join('\n')),
      issues: batch.issues,
      skips: batch.skips,
      bytes: bytesRead,
      messages: total,
    });
    batch = { records: [], issues: [], skips: {} };
    inBatch = 0;
  };
  const reconsidered = new ReconsideredMail();
  const add = (item: ReturnType<typeof mailItem>) => {
    if ('code' in item) batch.issues.push(item);
    else if ('skip' in item) batch.skips[item.skip] = (batch.skips[item.skip] ?? 0) + 1;
    else batch.records.push(JSON.stringify(item));
  };
  for await (const { raw, bytes } of messages(job.file, () => {})) {
    total++;
    bytesRead = bytes;
    const m = parse(raw, job.now);
    const item = mailItem(m, me, 'mbox', context);
    add(item);
    if (!('code' in m) && 'kind' in item) batch.issues.push(...importedMessageIssues(m));
    reconsidered.keep(m, item);
    // mail to a send-as alias Gmail has just shown, or from someone the user has just written
    // to, is the user's, skipped before: taken now
    for (const earlier of reconsidered.involved(context)) {
      batch.skips[earlier.reason] = (batch.skips[earlier.reason] ?? 0) - 1;
      add(mailItem(earlier.message, me, 'mbox', context));
    }
    if (++inBatch >= BATCH_MESSAGES) await flush();
  }
  if (inBatch > 0) await flush();
  send({
    type: 'done',
    messages: total,
    lists: listsOf(context),
    aliases: [...context.aliases],
    tabs: reconsidered.tabs(),
  });
}

const job = workerData as MboxJob;
(job.mode === 'count' ? countMode(job) : itemsMode(job)).catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
