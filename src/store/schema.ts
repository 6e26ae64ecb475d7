import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Times are epoch milliseconds (64-bit integers), booleans
 * are 0/1 integers, lists are JSON text: the same on SQLite and PostgreSQL.
 */
export interface Database {
  workspaces: WorkspaceTable;
  workspace_settings: WorkspaceSettingTable;
  people: PersonTable;
  person_emails: PersonEmailTable;
  interactions: InteractionTable;
  participations: ParticipationTable;
  exchanges: ExchangeTable;
  needs: NeedTable;
  need_terms: TermTable & { need_id: number };
  offers: OfferTable;
  offer_terms: TermTable & { offer_id: number };
  next_steps: NextStepTable;
  milestones: MilestoneTable;
  summaries: SummaryTable;
  reply_keys: ReplyKeyTable;
  distinct_people: DistinctPeopleTable;
  possible_duplicates: PossibleDuplicateTable;
  person_keys: PersonKeyTable;
  event_versions: EventVersionTable;
  event_answers: EventAnswerTable;
  pending_interactions: PendingInteractionTable;
  pending_addresses: PendingAddressTable;
  pending_participants: PendingParticipantTable;
  kept_tab_mail: KeptTabMailTable;
  id_floors: IdFloorTable;
  removed_records: RemovedRecordTable;
}

/** A record the user took back with `rapport remove` (migration 0035): a JSON copy does not put it back. */
export interface RemovedRecordTable {
  workspace_id: number;
  /** interaction, exchange, need, offer, step, milestone */
  kind: string;
  uid: string;
  removed_at: number;
}

/** The highest id of a table's deleted rows (people: see migration 0021), so that none is given again. */
export interface IdFloorTable {
  name: string;
  floor: number;
}

/** An answer waiting for the message it answers (by that message's external id in the same source). */
export interface ReplyKeyTable {
  workspace_id: number;
  source: string;
  parent_key: string;
  child_id: number;
}

/** A bulk message that went to nobody known when it was imported, kept until someone it went to is (migration 0011). */
/** A Gmail-tab message from someone the user had not written to (see migration 0022). */
export interface KeptTabMailTable {
  id: Generated<number>;
  workspace_id: number;
  source: string;
  /** the message's stable id (see messageKey) */
  message_key: string;
  /** its sender's address, lower case: the message is the user's once they write to it */
  sender: string;
  /** the sender's mailbox, when not the address itself (see storedMailbox; migration 0025) */
  mailbox: string | null;
  /** the file it was read from, for the issues said of it */
  file: string;
  /** why it was skipped (the report's reason) */
  reason: string;
  /** the MailMessage, as JSON */
  message: string;
  created_at: number;
}

export interface PendingInteractionTable {
  id: Generated<number>;
  workspace_id: number;
  source: string;
  external_id: string;
  /** the InteractionRecord, as JSON */
  record: string;
  created_at: number;
}

/** An address a pending message went to (normalised, as person_emails holds it). */
export interface PendingAddressTable {
  workspace_id: number;
  email: string;
  pending_id: number;
  /** the mailbox the address delivers to, when not the address itself (see storedMailbox; migration 0025) */
  mailbox: string | null;
}

/** An address a stored message went to that was nobody then: it joins the message once it is someone (migration 0020). */
export interface PendingParticipantTable {
  workspace_id: number;
  email: string;
  interaction_id: number;
  /** the mailbox the address delivers to, when not the address itself (see storedMailbox; migration 0025) */
  mailbox: string | null;
}

/** The person a contact record of a source became (see migration 0004). */
export interface PersonKeyTable {
  workspace_id: number;
  source: string;
  record_key: string;
  person_id: number;
}

/** A guest's latest answer (iTIP REPLY) to a calendar event or changed occurrence (migration 0015). */
export interface EventAnswerTable {
  workspace_id: number;
  source: string;
  event_key: string;
  /** the guest's address, lower case */
  email: string;
  /** the SEQUENCE of the version answered */
  sequence: number;
  /** DTSTAMP of the answer, epoch ms (0 when the file did not say) */
  stamp: number;
  /** ACCEPTED, DECLINED, TENTATIVE, DELEGATED… */
  partstat: string;
}

/** The latest SEQUENCE stored of a calendar event or changed occurrence (see migration 0004). */
export interface EventVersionTable {
  workspace_id: number;
  source: string;
  event_key: string;
  sequence: number;
  /** LAST-MODIFIED of the version kept, epoch ms; 0 when the file did not say; NULL when stored before migration 0009 */
  modified: number | null;
  /** an occurrence's version calls it off: 1 cancelled, 2 declined by the user, 0 not (migration 0014) */
  called_off: Generated<number>;
  /** a series cancelled from this moment on (epoch ms); NULL: called off whole (migration 0017) */
  called_off_from: Generated<number | null>;
  /** a series' version: the `now` up to which the import that last read it expanded it (migration 0036); NULL: not known */
  expanded_to: Generated<number | null>;
  /** who was in the meeting when the user declined it: JSON [{ email?, name }] (migration 0037); NULL: nobody kept */
  declined_with: Generated<string | null>;
}

/** Two people an import found may be one, though their names differ (person_a < person_b; migration 0006). */
export interface PossibleDuplicateTable {
  workspace_id: number;
  person_a: number;
  person_b: number;
  reason: string;
  created_at: number;
}

/** Two people the user said are not the same (person_a < person_b). */
export interface DistinctPeopleTable {
  workspace_id: number;
  person_a: number;
  person_b: number;
  created_at: number;
}

export interface WorkspaceTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export interface WorkspaceSettingTable {
  workspace_id: number;
  key: string;
  value: string;
}

export interface PersonTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  name: string;
  /** lower-cased, accents and extra spaces removed: for lookups by name */
  name_key: string;
  /** 1 when an import made the name from an address or profile URL, nobody gave it (migration 0007) */
  name_made: Generated<number>;
  org: string | null;
  title: string | null;
  /** the import source that set org and title, NULL when the user did or it is not known (migration 0010) */
  job_source: Generated<string | null>;
  /** when the job an import set was true as of, epoch ms (migration 0016) */
  job_at: Generated<number | null>;
  name_source: Generated<string | null>;
  linkedin: string | null;
  phones: string;
  tags: string;
  met: string | null;
  /** YYYY-MM-DD, or --MM-DD without a year */
  birthday: string | null;
  wishlist: number;
  notes: string | null;
  tier: string | null;
  goal: string | null;
  cadence_days: number | null;
  stage_override: string | null;
  /** when the user set stage_override, epoch ms (migration 0034); null when not known */
  stage_set_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PersonEmailTable {
  workspace_id: number;
  person_id: number;
  /** normalised: trimmed, lower case */
  email: string;
  position: number;
  /**
   * the mailbox the address delivers to (mailboxKey: without a +tag; for Gmail without dots, at
   * gmail.com) when that differs from the address; null when it is the address itself
   */
  mailbox: string | null;
}

export interface InteractionTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  at: number;
  channel: string;
  direction: string;
  depth: string;
  /** for an incoming message among several people: who sent it */
  from_person_id: number | null;
  minutes: number | null;
  note: string | null;
  source: string;
  external_id: string | null;
  reply_to_id: number | null;
  created_at: number;
}

/**
 * One row per person in an interaction, with what the scoring needs denormalised, clustered by
 * (workspace, person, time): a full rescore reads it in order through its primary key.
 * Codes are the indexes in CHANNELS, ROLES and DEPTHS.
 */
export interface ParticipationTable {
  workspace_id: number;
  person_id: number;
  at: number;
  interaction_id: number;
  channel: number;
  role: number;
  depth: number;
  audience: number;
  parent_at: number | null;
  parent_role: number | null;
  first_answer: number;
  co_ids: string | null;
}

export interface ExchangeTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  person_id: number;
  direction: string;
  category: string;
  note: string;
  impact: string | null;
  /** when they acknowledged the impact; null while not acknowledged */
  acknowledged_at: number | null;
  at: number;
  introduced_person_id: number | null;
  created_at: number;
}

export interface NeedTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  person_id: number;
  text: string;
  unmet: number;
  status: string;
  created_at: number;
  closed_at: number | null;
}

export interface TermTable {
  workspace_id: number;
  term: string;
}

export interface OfferTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  /** null: the user's own offer */
  person_id: number | null;
  text: string;
  category: string;
  tags: string;
  created_at: number;
}

export interface NextStepTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  person_id: number;
  text: string;
  why: string | null;
  due: number;
  status: string;
  created_at: number;
  done_at: number | null;
}

export interface MilestoneTable {
  id: Generated<number>;
  workspace_id: number;
  uid: string;
  person_id: number;
  text: string;
  /** YYYY-MM-DD */
  on_date: string;
  /** MM-DD, for finding what falls within the next days */
  md: string;
  yearly: number;
  created_at: number;
}

/** The incremental scoring state of each relationship (domain Summary), one column per field. */
export interface SummaryTable {
  workspace_id: number;
  person_id: number;
  as_of: number | null;
  as_of_kind: number;
  as_of_seq: number;
  interactions: number;
  inbound: number;
  outbound: number;
  mutual: number;
  first_at: number | null;
  last_at: number | null;
  first_contact_at: number | null;
  meaningful: number;
  m1_at: number | null;
  m2_at: number | null;
  m3_at: number | null;
  two_way: number;
  first_two_way_at: number | null;
  tw1_at: number | null;
  tw2_at: number | null;
  tw3_at: number | null;
  them_init_at: number | null;
  u1_at: number | null;
  u2_at: number | null;
  u3_at: number | null;
  deep_at: number | null;
  live_at: number | null;
  inbound_at: number | null;
  int30: number;
  int180: number;
  init_them: number;
  init_user: number;
  given: number;
  received: number;
  given_count: number;
  received_count: number;
  g1_at: number | null;
  g2_at: number | null;
  received_at: number | null;
  received_access: number;
  too_fast_received: number;
  resp_sent: number;
  resp_answered: number;
  resp_score: number;
  resp_within24h: number;
  replies: number;
  pending_count: number;
  pending_last_at: number | null;
  common_ids: string;
  common_count: number;
  /** JSON list of the times of the user's messages under a day old at as_of, not answered yet */
  resp_recent: string;
  /** JSON list of the user's messages awaiting an answer at as_of: [time, time of the one it follows up or null] */
  resp_waiting: string;
  stage: number;
  acquainted_at: number | null;
  engaged_at: number | null;
  trusted_at: number | null;
  advocate_at: number | null;
  personal: number;
  /** log2 of the long intensity plus asOf in half-lives: orders ties by intensity at any later time */
  intensity_key: number | null;
  /**
   * strength (unrounded) as of the last event: no later strength exceeds it, since every component
   * holds or decays while nothing happens; lists read the strongest through an index on it.
   * Null only in rows written before it existed (a rescore fills them).
   */
  strength_key: number | null;
}
