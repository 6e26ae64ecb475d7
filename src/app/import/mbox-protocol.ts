import type { MailLists } from '../../importers/mail.js';
import type { ParseIssue } from '../../importers/records.js';

/** What the mbox reader (main thread) and its worker (mbox-worker.ts) send each other. */

export interface MboxJob {
  readonly file: string;
  /** `count`: how often each address appears (to guess the user's); `items`: what to import */
  readonly mode: 'count' | 'items';
  /** the user's addresses, lower case (items mode) */
  readonly me: readonly string[];
  /** the latest moment mail can be dated (the clock, or --now when later), epoch ms: mail dated days later is refused (items mode) */
  readonly now?: number;
  /** mailing lists known before this file (items mode) */
  readonly lists?: MailLists;
  /** addresses the user wrote to in earlier imports (items mode): their Gmail-tab mail is personal */
  readonly writtenTo?: readonly string[];
}

/** Messages per batch sent to the main thread. */
export const BATCH_MESSAGES = 1000;
/** Batches sent and not yet taken before the worker waits. */
export const MAX_UNREAD = 4;

export type FromWorker =
  | {
      readonly type: 'batch';
      /**
       * the interactions, one JSON object per line in UTF-8, handed over without a copy; each is
       * decoded just before it is stored, so it dies young (a batch of objects received at once
       * outlives collections and piles up: +150 MB on a 300 MB mailbox)
       */
      readonly records: Uint8Array;
      readonly issues: ParseIssue[];
      /** messages left out on purpose, by reason */
      readonly skips: Record<string, number>;
      /** bytes of the file read and messages found so far */
      readonly bytes: number;
      readonly messages: number;
    }
  | { readonly type: 'progress'; readonly bytes: number; readonly messages: number }
  | { readonly type: 'counts'; readonly counts: [string, number][] }
  | {
      readonly type: 'done';
      readonly messages: number;
      readonly lists?: MailLists;
      /** the user's addresses learned from the file (see MailContext.aliases) */
      readonly aliases?: string[];
      /** Gmail-tab mail skipped as from nobody the user wrote to in the file (see ReconsideredMail.tabs) */
      readonly tabs?: { json: string; reason: string }[];
    }
  | { readonly type: 'error'; readonly message: string };

export const ACK = 'ack';
/** Sent back for each batch taken, with its records' buffer for the worker to fill again. */
export type ToWorker = { readonly type: typeof ACK; readonly buffer?: ArrayBuffer };
