import { z } from 'zod';
import { MAX_STORED_TEXT } from '../domain/clean-text.js';
import { parseCalendarDate, parseInstant } from '../domain/time.js';
import {
  CATEGORIES,
  CHANNELS,
  DEPTHS,
  DIRECTIONS,
  EXCHANGE_DIRECTIONS,
  GOALS,
  REMOVABLE,
  STAGES,
  TIERS,
} from '../domain/vocabulary.js';

/**
 * The Rapport JSON document: a whole workspace, losslessly. Entities refer to each other by
 * uid, which also makes a re-import idempotent. Times are ISO 8601 UTC.
 */
export const FORMAT = 'rapport';
export const VERSION = 1;

const time = z.string().refine((s) => parseInstant(s) !== undefined, { message: 'not an ISO 8601 time' });
const calendarDate = z.string().refine((s) => parseCalendarDate(s) !== undefined, { message: 'not a date' });
const uid = z.string().min(1).max(200);
const text = z.string().max(MAX_STORED_TEXT);
/**
 * What files give (addresses, phone numbers, labels, Message-IDs, calendar UIDs): as long as an
 * import may have stored it, so that a copy reads back all that it holds (a bound only against
 * absurd input, as for text).
 */
const given = z.string().max(MAX_STORED_TEXT);

export const personSchema = z.object({
  uid,
  id: z.number().int().optional(),
  name: z.string().trim().min(1).max(MAX_STORED_TEXT),
  /** the name was made by an import from an address or profile URL (present only then) */
  nameMade: z.boolean().optional(),
  /** the import source that gave the name (absent: the user did) */
  nameSource: z.string().min(1).max(100).optional(),
  /** the import source that gave org and title (present only then; absent: the user's) */
  jobSource: z.string().min(1).max(100).optional(),
  /** when the job its source gave was true as of (ISO 8601) */
  jobAt: time.optional(),
  emails: z.array(given).default([]),
  phones: z.array(given).default([]),
  org: text.nullable().default(null),
  title: text.nullable().default(null),
  linkedin: text.nullable().default(null),
  tags: z.array(given).default([]),
  met: text.nullable().default(null),
  birthday: calendarDate.nullable().default(null),
  wishlist: z.boolean().default(false),
  notes: text.nullable().default(null),
  tier: z.enum(TIERS).nullable().default(null),
  goal: z.enum(GOALS).nullable().default(null),
  cadenceDays: z.number().int().min(1).max(3650).nullable().default(null),
  stageOverride: z.enum(STAGES).nullable().default(null),
  /** when the stage was set by hand (absent from copies of earlier releases: always) */
  stageSetAt: time.nullable().default(null),
  createdAt: time.optional(),
  updatedAt: time.optional(),
});

export const interactionSchema = z.object({
  uid,
  id: z.number().int().optional(),
  at: time,
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  depth: z.enum(DEPTHS).default('substantive'),
  people: z.array(uid).min(1),
  fromPerson: uid.nullable().default(null),
  minutes: z.number().int().min(0).nullable().default(null),
  note: text.nullable().default(null),
  source: z.string().min(1).max(100).default('rapport'),
  externalId: given.nullable().default(null),
  replyTo: uid.nullable().default(null),
  /** people involved besides the user, when more than `people` lists (bulk mail) */
  audience: z.number().int().min(1).max(1_000_000).optional(),
  /** it answers a message that is not stored (present only then) */
  answersUnknown: z.boolean().optional(),
});

export const exchangeSchema = z.object({
  uid,
  id: z.number().int().optional(),
  person: uid,
  direction: z.enum(EXCHANGE_DIRECTIONS),
  category: z.enum(CATEGORIES),
  note: text,
  impact: text.nullable().default(null),
  acknowledgedAt: time.nullable().default(null),
  at: time,
  introducedPerson: uid.nullable().default(null),
});

export const needSchema = z.object({
  uid,
  id: z.number().int().optional(),
  person: uid,
  text,
  unmet: z.boolean().default(false),
  status: z.enum(['open', 'met']).default('open'),
  createdAt: time,
});

export const offerSchema = z.object({
  uid,
  id: z.number().int().optional(),
  person: uid.nullable().default(null),
  text,
  category: z.enum(CATEGORIES),
  tags: z.array(given).default([]),
  createdAt: time,
});

export const nextStepSchema = z.object({
  uid,
  id: z.number().int().optional(),
  person: uid,
  text,
  why: text.nullable().default(null),
  due: time,
  status: z.enum(['open', 'done']).default('open'),
  createdAt: time,
  doneAt: time.nullable().default(null),
});

export const milestoneSchema = z.object({
  uid,
  id: z.number().int().optional(),
  person: uid,
  text,
  on: calendarDate,
  yearly: z.boolean().default(false),
});

/** Two people the user said are different (`rapport distinct`). */
export const distinctPeopleSchema = z.object({ a: uid, b: uid, createdAt: time.optional() });

/** Two people of different names an import found may be one (see `rapport duplicates`). */
export const possibleDuplicateSchema = z.object({
  a: uid,
  b: uid,
  reason: given.min(1),
  createdAt: time.optional(),
});

/** Which person a contact record of a source became (so the same file imports the same way). */
export const personKeySchema = z.object({
  source: z.string().min(1).max(100),
  key: given.min(1),
  person: uid,
});

/** The latest SEQUENCE stored of a calendar event, and when that version was last changed (epoch ms; null: not known). */
export const eventVersionSchema = z.object({
  source: z.string().min(1).max(100),
  key: given.min(1),
  sequence: z.number().int().min(0).max(2_147_483_647),
  modified: z.number().int().min(0).nullable().default(null),
  /** the version calls the event or occurrence off: 1 cancelled, 2 declined by the user */
  calledOff: z.number().int().min(0).max(3).default(0),
  /** a series cancelled from this moment on (epoch ms); absent: called off whole */
  calledOffFrom: z.number().int().min(0).nullable().default(null),
  /** a series: the `now` up to which it was last expanded (epoch ms); absent: not known */
  expandedTo: z.number().int().min(0).nullable().default(null),
  /** who was in the meeting when the user declined it: brought back with it when they accept later */
  declinedWith: z
    .array(z.object({ email: z.string().max(1000).optional(), name: z.string().min(1).max(1000) }))
    .max(1000)
    .nullable()
    .default(null),
});

/** A guest's latest answer (iTIP REPLY) to a calendar event: later files take it in. */
export const eventAnswerSchema = z.object({
  source: z.string().min(1).max(100),
  key: given.min(1),
  email: given.min(3),
  sequence: z.number().int().min(0).max(2_147_483_647),
  stamp: z.number().int().min(0),
  partstat: given.min(1),
});

/** An answer whose message is not stored yet, by the key it will be found by (a Message-ID, or its subject). */
export const replyKeySchema = z.object({
  source: z.string().min(1).max(100),
  key: given.min(1),
  interaction: uid,
});

/** An address a stored message went to that was nobody then: it joins the message once it is someone. */
export const pendingParticipantSchema = z.object({
  email: given.min(3),
  interaction: uid,
});

// as the importers read them, before any cleaning: generous, so a copy never refuses what a file held
const contactRefSchema = z.object({
  name: z.string().max(100_000).optional(),
  email: z.string().max(100_000).optional(),
  profileUrl: z.string().max(100_000).optional(),
  org: z.string().max(100_000).optional(),
  title: z.string().max(100_000).optional(),
});

/**
 * A bulk message an import kept aside (it went to nobody known then), as the importer read it:
 * stored by a later import that makes someone it went to known.
 */
export const keptAsideSchema = z.object({
  source: z.string().min(1).max(100),
  file: z.string().max(4096),
  record: z.object({
    kind: z.literal('interaction'),
    where: z.object({
      line: z.number().int().nullable(),
      record: z.string().max(1000).optional(),
      entry: given.optional(),
    }),
    externalId: z.string().min(1).max(100_000),
    at: z.number().int(),
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS),
    depth: z.enum(DEPTHS),
    minutes: z.number().min(0).optional(),
    note: z.string().max(1_000_000).optional(),
    counterparts: z.array(contactRefSchema).min(1).max(100_000),
    from: contactRefSchema.optional(),
    replyTo: z.string().max(100_000).optional(),
    threadKey: given.optional(),
    blindCopies: z.literal(true).optional(),
  }),
});

const mailboxSchema = z.object({ address: given.min(3), name: z.string().max(100_000).optional() });
const mailboxesSchema = z.array(mailboxSchema).max(100_000);
const idText = z.string().min(1).max(100_000);

/**
 * Mail Gmail sorted into a tab from someone the user had not written to, kept as its headers
 * read (see kept-tab-mail.ts): stored by a later import that shows the user writing to its sender.
 */
export const keptTabMailSchema = z.object({
  source: z.string().min(1).max(100),
  file: z.string().max(4096),
  reason: z.string().min(1).max(100),
  message: z.object({
    where: z.object({ line: z.number().int().nullable(), record: z.string().max(1000).optional() }),
    messageId: idText.optional(),
    inReplyTo: idText.optional(),
    references: z.array(idText).max(100_000),
    date: z.number().int().optional(),
    subject: z.string().max(1_000_000).optional(),
    from: mailboxesSchema.min(1),
    sender: mailboxSchema.optional(),
    resent: z
      .object({ from: mailboxesSchema, to: mailboxesSchema, cc: mailboxesSchema, date: z.number().int().optional() })
      .optional(),
    replyTo: mailboxesSchema,
    to: mailboxesSchema,
    cc: mailboxesSchema,
    bcc: mailboxesSchema,
    list: z.boolean(),
    listPost: given.optional(),
    listId: given.optional(),
    autoSubmitted: z.boolean(),
    gmailFolder: z.enum(['spam', 'draft']).optional(),
    gmail: z.literal(true).optional(),
    deliveredTo: given.optional(),
    gmailCategory: z.string().max(100).optional(),
    deleted: z.literal(true).optional(),
    gmailSent: z.literal(true).optional(),
    gmailChat: z.literal(true).optional(),
    receipt: z.literal(true).optional(),
    unsent: z.literal(true).optional(),
    headersCut: z.literal(true).optional(),
    badAddresses: z.array(z.string().max(100_000)).max(100_000).optional(),
    datedBy: z
      .object({ unreadable: z.string().max(100_000), by: z.string().max(1000), why: z.string().max(1000).optional() })
      .optional(),
  }),
});

const idFloor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional();

export const documentSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  exportedAt: time.optional(),
  /** the highest person id given before, removed since (merged away): no new person gets one at or below it */
  peopleIdFloor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  /** the same for interactions, exchanges, needs, offers, next steps and milestones (see `rapport remove`) */
  idFloors: z
    .object({
      interactions: idFloor,
      exchanges: idFloor,
      needs: idFloor,
      offers: idFloor,
      next_steps: idFloor,
      milestones: idFloor,
    })
    .optional(),
  workspace: z
    .object({ name: z.string().optional(), settings: z.record(z.string(), z.string()).default({}) })
    .optional(),
  people: z.array(z.unknown()).default([]),
  interactions: z.array(z.unknown()).default([]),
  exchanges: z.array(z.unknown()).default([]),
  needs: z.array(z.unknown()).default([]),
  offers: z.array(z.unknown()).default([]),
  nextSteps: z.array(z.unknown()).default([]),
  milestones: z.array(z.unknown()).default([]),
  distinctPeople: z.array(z.unknown()).default([]),
  possibleDuplicates: z.array(z.unknown()).default([]),
  personKeys: z.array(z.unknown()).default([]),
  eventVersions: z.array(z.unknown()).default([]),
  eventAnswers: z.array(z.unknown()).default([]),
  replyKeys: z.array(z.unknown()).default([]),
  pendingParticipants: z.array(z.unknown()).default([]),
  removedRecords: z.array(z.unknown()).default([]),
  keptAside: z.array(z.unknown()).default([]),
  keptTabMail: z.array(z.unknown()).default([]),
});

/** A record the user took back with `rapport remove`, by kind and uid. */
export const removedRecordSchema = z.object({ kind: z.enum(REMOVABLE), uid, removedAt: time.optional() });

export type PersonRecord = z.infer<typeof personSchema>;
export type InteractionRecordJson = z.infer<typeof interactionSchema>;
export type ExchangeRecord = z.infer<typeof exchangeSchema>;
export type NeedRecord = z.infer<typeof needSchema>;
export type OfferRecord = z.infer<typeof offerSchema>;
export type NextStepRecord = z.infer<typeof nextStepSchema>;
export type MilestoneRecord = z.infer<typeof milestoneSchema>;

/** The collections of a document and the schema of each record. */
export const COLLECTIONS = {
  people: personSchema,
  interactions: interactionSchema,
  exchanges: exchangeSchema,
  needs: needSchema,
  offers: offerSchema,
  nextSteps: nextStepSchema,
  milestones: milestoneSchema,
  distinctPeople: distinctPeopleSchema,
  possibleDuplicates: possibleDuplicateSchema,
  personKeys: personKeySchema,
  eventVersions: eventVersionSchema,
  eventAnswers: eventAnswerSchema,
  replyKeys: replyKeySchema,
  pendingParticipants: pendingParticipantSchema,
  removedRecords: removedRecordSchema,
  keptAside: keptAsideSchema,
  keptTabMail: keptTabMailSchema,
} as const;
