/** What an import did, in the contract's shape; the counts of other entities are extra fields. */
export interface ImportIssue {
  file: string;
  /** line in the file, when known */
  line: number | null;
  /** the record, when the line is not known: "people[3]" */
  record?: string;
  code: string;
  message: string;
  /** true when the record was left out for it (counted in skipped.bad_record); else it was kept without the part at fault */
  dropped?: true;
}

export interface ImportReport {
  format: string;
  files: string[];
  records: number;
  /** removed: people a cancelled or declined meeting alone had made, taken out with it */
  people: { created: number; matched: number; removed?: number };
  /** removed: meetings taken out because a later file cancelled, declined or replaced them */
  interactions: { created: number; duplicates: number; removed?: number };
  exchanges: { created: number; duplicates: number };
  needs: { created: number; duplicates: number };
  offers: { created: number; duplicates: number };
  nextSteps: { created: number; duplicates: number };
  milestones: { created: number; duplicates: number };
  issues: ImportIssue[];
  /**
   * bulk messages kept aside by an earlier import (they went to nobody known then), stored now
   * that someone they went to is known; counted in interactions.created too
   */
  pendingStored?: number;
  /**
   * mail Gmail sorted into a tab that an earlier import skipped (from nobody the user had written
   * to), stored now that the user has written to its sender; counted in interactions.created too
   */
  tabMailStored?: number;
  /**
   * places in messages stored before their people were known (the strangers among bulk mail's
   * recipients, a shared address) that those people took, now that this import made them known:
   * one per person and message
   */
  participantsJoined?: number;
  /**
   * the same, as the distinct people who joined and the messages they joined, and the meetings
   * (from calendars; absent when none)
   */
  joined?: { people: number; messages: number; meetings?: number };
  /**
   * People another copy of a meeting stored before names, added to it (the organizer's calendar
   * gives guests a guest's copy leaves out): the distinct people, and the meetings they joined.
   */
  copiesJoined?: { people: number; meetings: number };
  /** records left out on purpose, by reason (automated mail, declined meetings, …); bad_record: those left out for an issue */
  skipped: Record<string, number>;
  /**
   * addresses (not records) seen and not made people, by reason: recipients of bulk mail
   * (bulk_recipients), attendees of crowds (crowd_attendees), shared mailboxes (role_addresses)
   */
  notAdded?: Record<string, number>;
  /**
   * calendars: the VEVENTs read. Each is a meeting (a series: its occurrences), a guest's answer,
   * a version left out (an older one, a new time proposed: see `skipped`), or one that could not
   * be read (an issue).
   */
  events?: number;
  /**
   * calendars: the meetings read, each occurrence of a recurring one counted (a series with none in
   * the window once), each created, already there or skipped (still to come, cancelled, declined…).
   * Counted in `records`.
   */
  meetings?: number;
  /**
   * calendars: guests' answers (REPLY VEVENTs) taken in. They are no meetings: they change who
   * attends the one they answer (a guest who declined is left out of it), in the file, stored, or
   * imported later. One that gives a time also stands for its meeting while the organizer's
   * version is not known: that meeting is among `meetings`. Counted in `records`, so that for a
   * calendar records = meetings + answers + the VEVENTs skipped whole (older versions, proposals)
   * + the unreadable ones, and meetings = interactions created + already there + meetings skipped.
   */
  answers?: number;
  /** people stored apart because details contradict a name match: check with `rapport duplicates` */
  candidates: { personId: number; otherId: number; name: string; reasons: readonly string[] }[];
  /** all candidate duplicates found (the list above stops at 1,000) */
  candidateCount?: number;
  /** the groups of people who may be one that `rapport duplicates` lists after the import (counted up to 1,000) */
  duplicateGroups?: number;
  /** files of a list refused for not being of the format, each with the sentence saying why (nothing of them was written) */
  refused?: { file: string; message: string }[];
  /** the user's own addresses used to tell direction, and whether they were guessed */
  me?: {
    addresses: string[];
    /** the user's name in a LinkedIn export that names people without profile URLs (addresses then empty) */
    name?: string;
    guessed: boolean;
    /** those a file showed are the user's: Gmail labels mail sent from them Sent (a send-as alias) */
    learned?: string[];
  };
  /**
   * addresses in the most messages not guessed to be the user's: each is a person's the user
   * added or logged an interaction with (see Me.guess)
   */
  meNotGuessed?: string[];
  /** addresses an earlier import guessed were the user's, no longer taken as theirs now that --me names theirs */
  meGuessDropped?: string[];
  /** true when no address of the user's was given, remembered or found (mail and calendars): nothing could be told theirs */
  meUnknown?: boolean;
  /** people earlier imports made of the user's own addresses, taken out (see takeOutUser) */
  takenOut?: { id: number; name: string; address: string; interactions: number; removed: number }[];
  /**
   * people that earlier messages had made of a mailing list's address, taken out once mail showed
   * it is a list: the interactions they were in (weighed as list mail now), and those removed
   * because nobody else was in them
   */
  listsTakenOut?: { id: number; name: string; address: string; interactions: number; removed: number }[];
  /** people holding one of the user's addresses beside other details: left as they are, for the user to look at */
  ownAddressHeld?: { id: number; name: string; address: string }[];
  dryRun: boolean;
}

/** The skip reason of records left out for an issue (each also in the report's issues, with `dropped`). */
export const BAD_RECORD = 'bad_record';

export function emptyReport(format: string, dryRun: boolean): ImportReport {
  const zero = () => ({ created: 0, duplicates: 0 });
  return {
    format,
    files: [],
    records: 0,
    people: { created: 0, matched: 0 },
    interactions: zero(),
    exchanges: zero(),
    needs: zero(),
    offers: zero(),
    nextSteps: zero(),
    milestones: zero(),
    issues: [],
    skipped: {},
    candidates: [],
    dryRun,
  };
}

/** "1 later one", "3 later ones": the entries after the first that an issue speaks of. */
export function laterOnes(n: number): string {
  return n === 1 ? '1 later one' : `${n.toLocaleString('en')} later ones`;
}
