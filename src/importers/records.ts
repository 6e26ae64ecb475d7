import type { Category, Channel, Depth, Direction, Goal, Tier } from '../domain/vocabulary.js';

/**
 * What every parser produces: plain records with where they came from, and issues for what it
 * could not read. Parsers are pure (bytes or text in, records out); the app resolves identities
 * and writes. Times are epoch milliseconds (UTC).
 */

/** Where a record starts in its file: a 1-based line when known, else a record number ("card 3"). */
export interface Where {
  readonly line: number | null;
  /** e.g. "card 3", "message 12", "Connections.csv row 7" */
  readonly record?: string;
  /** the file inside a folder or zip (LinkedIn), when not the file itself */
  readonly entry?: string;
}

/** A bad record, or something skipped that the user should know about. The app adds the file. */
export interface ParseIssue extends Where {
  /** snake_case: "bad_date", "no_identity", "bad_encoding", "not_a_person", … */
  readonly code: string;
  /** one sentence a person can act on, without the file name */
  readonly message: string;
  /** the record the issue is about was left out: it counts among the report's records, so they add up to the file's */
  readonly dropped?: boolean;
}

/** How a source names someone. At least one of the fields is set. */
export interface ContactRef {
  readonly name?: string | undefined;
  /** as written; the app normalises (trim, lower case, display name dropped) */
  readonly email?: string | undefined;
  /** a LinkedIn (or other) profile URL, as written */
  readonly profileUrl?: string | undefined;
  /** where they work, when the source says (a LinkedIn recommendation): tells namesakes apart */
  readonly org?: string | undefined;
  readonly title?: string | undefined;
}

/** A person as a contact source describes them. */
export interface PersonRecord {
  readonly kind: 'person';
  readonly where: Where;
  readonly name?: string | undefined;
  /** the name is the one to show, as written (a vCard's FN beside its N): a comma in it is no "Last, First" */
  readonly nameAsWritten?: true | undefined;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly profileUrl?: string | undefined;
  readonly org?: string | undefined;
  readonly title?: string | undefined;
  /** YYYY-MM-DD, or --MM-DD when the year is unknown */
  readonly birthday?: string | undefined;
  readonly tags: readonly string[];
  readonly notes?: string | undefined;
  /** when the user connected with them (LinkedIn "Connected On") */
  readonly connectedAt?: number | undefined;
  /** what the user keeps of the relationship in a card Rapport exported (X-RAPPORT-MET, -TIER, -GOAL, -CADENCE) */
  readonly met?: string | undefined;
  readonly tier?: Tier | undefined;
  readonly goal?: Goal | undefined;
  readonly cadenceDays?: number | undefined;
  /** the record's own id in its source when it has one (a vCard's UID): stable across edits of the record */
  readonly externalId?: string | undefined;
  /**
   * when what the record says was true, epoch ms: a vCard's REV, the latest date a LinkedIn export
   * holds, else the file's time (set by the app): an older record does not replace a newer job
   */
  readonly asOf?: number | undefined;
}

/** Something that happened between the user and people, ready to store once identities are resolved. */
export interface InteractionRecord {
  readonly kind: 'interaction';
  readonly where: Where;
  /** unique and stable within the source: a re-import of the same data gives the same id */
  readonly externalId: string;
  /** ids the same record had in earlier releases: one stored under them is this record (and takes its id) */
  readonly formerIds?: readonly string[] | undefined;
  readonly at: number;
  readonly channel: Channel;
  readonly direction: Direction;
  readonly depth: Depth;
  readonly minutes?: number | undefined;
  readonly note?: string | undefined;
  /** everyone involved other than the user */
  readonly counterparts: readonly ContactRef[];
  /** for an incoming message among several counterparts: who sent it (one of counterparts) */
  readonly from?: ContactRef | undefined;
  /** the external id of the interaction this one answers, when known */
  readonly replyTo?: string | undefined;
  /**
   * earlier messages of its thread, nearest first (References): when the one it answers is not
   * stored, it answers the nearest of these that is, until its own comes
   */
  readonly replyAncestors?: readonly string[] | undefined;
  /**
   * for messages without reply headers: a key shared by a thread (a hash of the subject without
   * Re:/Fw: prefixes), so an answer from the same person within 21 days is still recognised
   */
  readonly threadKey?: string | undefined;
  /**
   * the copy names people the other copies of the message may not (the Sent copy of the user's
   * message with its Bcc): a copy found stored already takes them in
   */
  readonly blindCopies?: true | undefined;
  /**
   * how many people it reached besides the user, when more than its counterparts: mail through a
   * mailing list reached its members, taken as more than BULK_RECIPIENTS (bulk)
   */
  readonly audience?: number | undefined;
  /**
   * its id names the other person as the file spells them (a LinkedIn invitation: their profile
   * URL), which a newer file may spell otherwise: one stored of the same source, time, channel,
   * direction and note with the same one person is this record
   */
  readonly sameByContent?: true | undefined;
}

/** Value given or received (the ledger). */
export interface ExchangeRecord {
  readonly kind: 'exchange';
  readonly where: Where;
  readonly externalId: string;
  /** ids the same record had in earlier releases: one stored under them is this record */
  readonly formerIds?: readonly string[] | undefined;
  readonly person: ContactRef;
  readonly direction: 'given' | 'received';
  readonly category: Category;
  readonly note: string;
  readonly at: number;
}

export type ImportRecord = PersonRecord | InteractionRecord | ExchangeRecord;

/** What a whole-file parser returns. */
export interface ParseResult<R = ImportRecord> {
  readonly records: R[];
  readonly issues: ParseIssue[];
}

/**
 * Thrown when the input is not this format at all (the app refuses the file, exit 3, nothing
 * written). The message names what was expected, without the file name.
 */
export class NotThisFormat extends Error {
  override readonly name = 'NotThisFormat';
}
