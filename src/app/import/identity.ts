import { createHash } from 'node:crypto';
import { storableLine, storableText } from '../../domain/clean-text.js';
import {
  addressAtOrganisation,
  betterName,
  cleanDisplayName,
  identityConflicts,
  isCompanyName,
  mayBeOneName,
  nameFromAddress,
  nameFromProfileUrl,
  nameIsDistinctive,
  namesConflict,
  normalizeProfileUrl,
  phoneKey,
  sameOrganisation,
  sameOrganisationName,
  sharePhone,
  unionPhones,
} from '../../domain/identity.js';
import { CONNECTED_ON, isEmail, nameKey, normalizeEmail, type Person } from '../../domain/person.js';
import { formatInstant } from '../../domain/time.js';
import type { Goal, Tier } from '../../domain/vocabulary.js';
import type { ContactRef, PersonRecord } from '../../importers/records.js';
import {
  findPeopleByIds,
  findPerson,
  findPersonIdByUid,
  MERGED_NAME,
  MERGED_PROFILE,
  updatePerson,
} from '../../store/person.repository.js';
import { personBulk } from '../../store/person-bulk.js';
import { removedDetails } from '../../store/removed-details.js';
import type { Context } from '../context.js';

type Db = Context['store']['db'];

export type MatchedBy = 'record' | 'email' | 'profile' | 'phone' | 'name';

export interface Resolution {
  readonly id: number;
  readonly created: boolean;
  readonly matchedBy?: MatchedBy;
  /** a contact record of a person an earlier record of the same file gave: the same entry twice */
  readonly again?: true;
  /**
   * with `again` and `matchedBy: 'record'`: the two records differ, and an earlier import took both
   * as this person (one found by its email, or two people merged since)
   */
  readonly differs?: true;
}

/** A name-only match that details contradict: stored as a new person and reported, never merged. */
export interface CandidateDuplicate {
  readonly personId: number;
  readonly otherId: number;
  readonly name: string;
  readonly reasons: readonly string[];
}

/** A job a record gives that differs from the one stored, which the import may not change (the user's, another source's). */
export interface JobKept {
  readonly personId: number;
  readonly name: string;
  readonly where: PersonRecord['where'];
  readonly stored: string;
  readonly offered: string;
  /** kept because the record is older than the one that gave the stored job */
  readonly older?: true;
}

/** A detail a contact record gives otherwise than the person holds, kept as it was and reported. */
export interface DetailKept {
  readonly name: string;
  readonly where: PersonRecord['where'];
  readonly what: 'birthday';
  readonly stored: string;
  readonly offered: string;
}

/** Whether two birthdays (YYYY-MM-DD, or --MM-DD without a year) name the same day: a year one leaves out is no difference. */
function sameBirthday(a: string, b: string): boolean {
  return a.startsWith('--') || b.startsWith('--') ? a.slice(-5) === b.slice(-5) : a === b;
}

/** Everything a record says about someone, normalised. */
interface Facts {
  name?: string | undefined;
  emails: string[];
  profileUrl?: string | undefined;
  phones: string[];
  org?: string | undefined;
  title?: string | undefined;
  birthday?: string | undefined;
  tags: string[];
  notes?: string | undefined;
  met?: string | undefined;
  tier?: Tier | undefined;
  goal?: Goal | undefined;
  cadenceDays?: number | undefined;
  /** when the record's details were true (PersonRecord.asOf) */
  asOf?: number | undefined;
}

/** A reference's address as written, with the name beside it: another name at one address is looked at again. */
function rawKey(r: ContactRef): string {
  return r.name ? `${r.email}\u0000${r.name}` : (r.email ?? '');
}

/** The name key of a reference that names someone by name alone (no address, profile or phone). */
function nameOnlyKey(r: ContactRef | PersonRecord): string | undefined {
  if ('kind' in r || r.email || r.profileUrl || r.org || !r.name) return undefined;
  return nameKey(r.name) || undefined;
}

/** Sources whose records are the user's own address book (a name there is kept as the user wrote it). */
const ADDRESS_BOOK_SOURCES: ReadonlySet<string> = new Set(['vcard', 'google']);

function factsOf(r: ContactRef | PersonRecord, source: string | undefined): Facts {
  const full = 'kind' in r ? r : undefined;
  const emails = [...(full?.emails ?? []), ...('email' in r && r.email ? [r.email] : [])]
    .filter((e) => isEmail(e))
    .map(normalizeEmail);
  return {
    name: cleanDisplayName(r.name, {
      asWritten: full?.nameAsWritten === true,
      addressBook: full !== undefined && ADDRESS_BOOK_SOURCES.has(source ?? ''),
    }),
    emails: [...new Set(emails)],
    profileUrl: normalizeProfileUrl(r.profileUrl),
    phones: distinctPhones(full?.phones ?? []),
    org: storableLine(full?.org ?? r.org),
    title: storableLine(full?.title ?? r.title),
    birthday: full?.birthday,
    tags: (full?.tags ?? []).flatMap((t) => storableLine(t) ?? []),
    notes: storableText(full?.notes),
    met:
      full?.connectedAt !== undefined
        ? `${CONNECTED_ON} ${formatInstant(full.connectedAt).slice(0, 10)}`
        : storableLine(full?.met),
    tier: full?.tier,
    goal: full?.goal,
    cadenceDays: full?.cadenceDays,
    asOf: full?.asOf,
  };
}

/** A record's phones, each number once however it is written (+48 601 234 567, tel:+48601234567): the first spelling kept. */
function distinctPhones(phones: readonly string[]): string[] {
  const seen = new Set<string>();
  return phones.filter((p) => {
    const key = phoneKey(p) || p;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A 32-bit FNV-1a hash of a record key (0 for none): enough to tell two records of one file apart. */
function keyHash(key: string | undefined): number {
  if (key === undefined) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/**
 * Finds or creates the person a record names, inside the import's transaction: by any of its
 * emails, then by profile URL, then by name when the name is distinctive, exactly one person
 * has it and nothing they say contradicts (different emails, profiles or phones). A contradicted
 * or ambiguous name match creates a new person and is reported as a candidate duplicate.
 * Matched people gain the details they lacked (new emails, a profile, an organisation) and a
 * real name for one made from their address (betterName); what anyone set is never overwritten.
 * Lookups are cached for the length of the import.
 */
/** Sources whose names are display names in messages and meetings (MAIL_SOURCE, CALENDAR_SOURCE), not contact records. */
const MESSAGE_SOURCES: ReadonlySet<string> = new Set(['email', 'calendar']);

export class IdentityResolver {
  private readonly byEmail = new Map<string, number>();
  /** addresses no one holds as written, by the person holding another spelling of their mailbox */
  private readonly byMailbox = new Map<string, number>();
  private readonly byProfile = new Map<string, number>();
  /**
   * People with phones, by phoneKey: read once, when a record first asks (see phoneHolders), and
   * kept up to date with the people this import makes or gives a phone
   */
  private byPhone: Map<string, Set<number>> | undefined;
  /** addresses exactly as written in references already resolved, with the name beside them: most mail repeats them */
  private readonly byRawEmail = new Map<string, number>();
  /**
   * References by name alone (a meeting guest without an address, a LinkedIn message without
   * profile URLs), by name key: within one import a name is one person, so a name too common to
   * match on ("Kim") does not become a new person at each message or meeting
   */
  private readonly byRawName = new Map<string, number>();
  readonly candidates: CandidateDuplicate[] = [];
  /** people whose organisation or title a contact record gives otherwise, kept as they were (see updateJob) */
  readonly jobsKept: JobKept[] = [];
  /** details records gave otherwise, kept as they were (a birthday: see enrich) */
  readonly detailsKept: DetailKept[] = [];
  /** people a contact record gives another profile URL than the one stored (kept; the record's finds them in this import) */
  readonly profilesKept: JobKept[] = [];
  readonly created = new Set<number>();
  readonly matched = new Set<number>();

  /** Forgets a person the import took out again (see ImportSession): true when this import had made them. */
  forget(id: number): boolean {
    this.matched.delete(id);
    this.listed.delete(id);
    for (let i = this.candidates.length - 1; i >= 0; i--) {
      const c = this.candidates[i];
      if (c && (c.personId === id || c.otherId === id)) this.candidates.splice(i, 1);
    }
    return this.created.delete(id);
  }
  /**
   * the people the full records of this import became (two entries of one list are two people),
   * each with a hash of the first record's key (0: none), to tell the same entry twice from two
   */
  private readonly listed = new Map<number, number>();
  /** the names the full records of this import gave, by key: the person each became (-1: several) */
  private readonly listedNames = new Map<string, number>();
  /** people whose stored name was weighed against one a record gave (see betterName) */
  private readonly namesSeen = new Set<number>();
  /** the people of this list whose addresses the record being resolved shares under other names */
  private sharedWith: { id: number; email: string; listed: boolean }[] = [];
  private readonly people;

  constructor(
    private readonly ctx: Context,
    private readonly db: Db,
    /** where the records come from: a record found again in the same source is the same person */
    private readonly source?: string,
  ) {
    this.people = personBulk(ctx.store, db, ctx.workspaceId);
  }

  /**
   * The person a record or reference names; undefined when it names nobody (no email, profile or
   * name), or when it names nobody known and `create` is false (or, a test, says no for it).
   */
  async resolve(
    record: ContactRef | PersonRecord,
    { create = true }: { create?: boolean | ((record: ContactRef | PersonRecord) => boolean) } = {},
  ): Promise<Resolution | undefined> {
    // the common case in mail: an address seen before in this import, as written; a reference
    // (not a full record) adds nothing to a person already found by its email
    const seen =
      'kind' in record || !record.email || record.profileUrl ? undefined : this.byRawEmail.get(rawKey(record));
    if (seen !== undefined) return { id: seen, created: false, matchedBy: 'email' };
    const seenName = this.byRawName.get(nameOnlyKey(record) ?? '');
    if (seenName !== undefined) return { id: seenName, created: false, matchedBy: 'name' };
    const facts = factsOf(record, this.source);
    const full = 'kind' in record ? record : undefined;
    // a contact record imported before (the same vCard UID, or the same details) is the person it became
    const digest = full && this.source !== undefined ? contentKey(full) : undefined;
    const key = digest !== undefined ? (full?.externalId ?? digest) : undefined;
    const byKey = key !== undefined ? await this.people.idByRecordKey(this.source ?? '', key) : undefined;
    const known = key !== undefined ? (byKey ?? (await this.exportedPerson(full))) : undefined;
    // the same details imported before into the person found: the record has had its say (a job
    // the user chose since, in a merge or an edit, is not set back by importing the file again)
    const byDigest =
      digest === undefined || known === undefined
        ? undefined
        : key === digest
          ? byKey
          : await this.people.idByRecordKey(this.source ?? '', digest);
    const unchanged = byDigest !== undefined && byDigest === known;
    this.sharedWith = [];
    const found =
      known !== undefined ? { id: known, by: 'record' as const } : await this.find(facts, full !== undefined);
    let resolution: Resolution;
    if (found) {
      if (!this.created.has(found.id)) this.matched.add(found.id);
      if (facts.name && (found.by === 'email' || found.by === 'profile'))
        await this.noteNamesake(found.id, facts.name, found.by, full !== undefined);
      // found by name, with an address another person holds under another name: the record ties
      // the two together, so they may be one (the address kept where it was)
      for (const shared of this.sharedWith)
        if (shared.id !== found.id && facts.name)
          await this.keepPair(
            found.id,
            shared.id,
            facts.name,
            `a contact record with the name of one and the address of the other (${shared.email})`,
          );
      const again = full !== undefined && this.listed.has(found.id);
      const differs = again && found.by === 'record' && this.listed.get(found.id) !== keyHash(key);
      // the same record of the same source (its UID), changed since it was imported
      const sameRecord = found.by === 'record' && full?.externalId !== undefined && byKey === found.id;
      await this.enrich(found.id, facts, full, unchanged, sameRecord);
      resolution = {
        id: found.id,
        created: false,
        matchedBy: found.by,
        ...(again ? { again: true as const } : {}),
        ...(differs ? { differs: true as const } : {}),
      };
    } else {
      // a test of the record asked only here, when nobody was found: once per new person, not per reference
      if (!(typeof create === 'function' ? create(record) : create)) return undefined;
      const name =
        facts.name ??
        nameFromProfileUrl(facts.profileUrl ?? '') ??
        this.nameFromEmails(facts.emails) ??
        // a contact saved with nothing but a number is still someone the user knows
        facts.phones[0];
      if (!name) return undefined;
      const id = await this.create({ ...facts, name, nameMade: facts.name === undefined });
      await this.noteHomonyms(id, { ...facts, name }, full !== undefined);
      if (facts.name) await this.notePhoneSharers(id, facts.name, facts.phones);
      // set by find() on the way: each person whose address the record gives under another name
      for (const shared of this.sharedWith)
        await this.keepPair(
          id,
          shared.id,
          name,
          shared.listed
            ? `two entries of one file with different names share ${shared.email}`
            : `a contact record under another name has the address of this one (${shared.email}): kept apart`,
        );
      resolution = { id, created: true };
    }
    if (key !== undefined) await this.people.keepRecordKey(this.source ?? '', key, resolution.id);
    // a record with its own id is also kept by its details, to tell it unchanged when it comes again
    if (digest !== undefined && key !== digest)
      await this.people.keepRecordKey(this.source ?? '', digest, resolution.id);
    if (full) {
      if (!this.listed.has(resolution.id)) this.listed.set(resolution.id, keyHash(key));
      const listedName = facts.name ? nameKey(facts.name) : '';
      if (listedName && this.listedNames.size < 500_000) {
        const before = this.listedNames.get(listedName);
        this.listedNames.set(listedName, before === undefined || before === resolution.id ? resolution.id : -1);
      }
    }
    this.rememberRaw(record, resolution.id);
    return resolution;
  }

  /**
   * The person a card Rapport exported describes (`rapport export --format vcard` writes each
   * person's uid as the card's UID), when that person is in this workspace: a copy imported back
   * finds the same people, those with nothing but a name too.
   */
  private async exportedPerson(record: PersonRecord | undefined): Promise<number | undefined> {
    const uid = /^uid:(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
      record?.externalId ?? '',
    )?.[1];
    return uid === undefined ? undefined : findPersonIdByUid(this.db, this.ctx.workspaceId, uid.toLowerCase());
  }

  /** Whether an address (as written in mail) belongs to someone known now. */
  async knows(email: string): Promise<boolean> {
    return isEmail(email) && (await this.idByAddress(normalizeEmail(email))) !== undefined;
  }

  private rememberRaw(record: ContactRef | PersonRecord, id: number): void {
    if (!('kind' in record) && record.email && !record.profileUrl && this.byRawEmail.size < 500_000)
      this.byRawEmail.set(rawKey(record), id);
    const name = nameOnlyKey(record);
    if (name && this.byRawName.size < 500_000) this.byRawName.set(name, id);
  }

  private nameFromEmails(emails: readonly string[]): string | undefined {
    const first = emails[0];
    return first ? nameFromAddress(first) : undefined;
  }

  private async find(f: Facts, fromList: boolean): Promise<{ id: number; by: MatchedBy } | undefined> {
    for (const email of f.emails) {
      const id = await this.idByAddress(email);
      if (id === undefined) continue;
      // two entries of one list under other names that share an address (a family's, a team's)
      // are two people: the address stays with the first, and the pair is reported; so is a
      // contact record whose name is plainly another person's than the one stored with the
      // address ("Bob Shared" for Alice Shared's office@), not a way of writing it (see namesConflict)
      // (a name a message gave the address is no contact's: the record names them, see betterName)
      // (unless the user merged someone of the record's name into the person: they said it is one)
      if (
        fromList &&
        f.name &&
        !(await this.nameOrigin(id)).displayed &&
        (await this.otherName(id, f.name, !this.listed.has(id))) &&
        (await this.people.idByRecordKey(MERGED_NAME, nameKey(f.name))) !== id
      ) {
        this.sharedWith.push({ id, email, listed: this.listed.has(id) });
        continue;
      }
      return { id, by: 'email' };
    }
    if (f.profileUrl) {
      const id = await this.idByProfile(f.profileUrl);
      if (id !== undefined) return { id, by: 'profile' };
    }
    // a contact saved with nothing but a number: the one person holding it
    if (!f.name) return f.emails.length === 0 && !f.profileUrl ? this.byPhoneAlone(f, fromList, false) : undefined;
    // a reference by name alone (a recommendation, an endorsement) to a name a record of this
    // import gave: the person that record became, whatever name is stored ("Dr. Anna Maria Müller"
    // for the export's "Anna Müller", found by profile)
    const listedAs =
      fromList || f.emails.length > 0 || f.profileUrl ? undefined : this.listedNames.get(nameKey(f.name));
    if (listedAs !== undefined && listedAs >= 0) return { id: listedAs, by: 'name' };
    const sameName = await this.peopleNamed(f.name);
    // a name no one has, and a number only a person without a name holds (a contact saved with
    // nothing but it): that person, named now
    if (sameName.length === 0) return this.byPhoneAlone(f, fromList, true);
    // the same name and a phone in common: the same person, even under a one-word name ("Mom");
    // organisations and addresses may differ (a new job, the same mobile), LinkedIn profiles not
    if (f.phones.length > 0) {
      const byPhone = sameName.filter(
        (p) =>
          // two entries of one list are two people, however alike
          !(fromList && this.listed.has(p.id)) &&
          sharePhone(p.phones, f.phones) &&
          identityConflicts(
            { emails: [], profileUrl: p.linkedin, birthday: p.birthday },
            { ...f, emails: [], org: undefined },
          ).length === 0,
      );
      if (byPhone.length === 1) return { id: (byPhone[0] as Person).id, by: 'phone' };
    }
    // a reference by name alone (a recommendation, an endorsement) to a name several people share:
    // the one this file lists is meant
    const listedHere = sameName.filter((p) => this.listed.has(p.id));
    if (!fromList && listedHere.length === 1 && f.emails.length === 0 && !f.profileUrl)
      return { id: (listedHere[0] as Person).id, by: 'name' };
    // …or the one at the organisation the reference names
    const sameOrg = f.org ? sameName.filter((p) => p.org && sameOrganisation(p.org, f.org as string)) : [];
    if (!fromList && sameOrg.length === 1 && f.emails.length === 0 && !f.profileUrl)
      return { id: (sameOrg[0] as Person).id, by: 'name' };
    // several people of the name, one of them at the record's organisation and contradicted by
    // nothing: that one, as it would be had the others come later (a LinkedIn connection at
    // "Initech, Inc" for the address book's Bob Jones at Initech, beside a Bob Jones at Globex)
    // An organisation may be known by a work address alone: a person known only by
    // bob@initech.com is at Initech for a card of a Bob Jones at Initech Inc, and the other way round
    if (nameIsDistinctive(f.name) && sameName.length > 1 && sameName.length < 5 && (f.org || f.emails.length > 0)) {
      const atRecordOrg = (p: Person) =>
        f.org
          ? (p.org !== null && sameOrganisation(p.org, f.org)) || (!p.org && addressAtOrganisation(p.emails, f.org))
          : !!p.org && addressAtOrganisation(f.emails, p.org);
      const fitting = sameName.filter(
        (p) =>
          !(fromList && this.listed.has(p.id)) &&
          atRecordOrg(p) &&
          identityConflicts(
            { emails: p.emails, profileUrl: p.linkedin, phones: p.phones, org: p.org, birthday: p.birthday },
            f,
          ).length === 0,
      );
      // several: the one whose organisation is written as the record writes it ("Initech", not
      // "Initech Labs"), when only one is
      const org = f.org;
      const exact = org ? fitting.filter((p) => p.org !== null && sameOrganisationName(p.org, org)) : [];
      const one = fitting.length === 1 ? fitting[0] : exact.length === 1 ? exact[0] : undefined;
      if (one) return { id: one.id, by: 'name' };
    }
    if (!nameIsDistinctive(f.name) || sameName.length !== 1) return undefined;
    const person = sameName[0] as Person;
    // two entries of one list (two cards, two rows of a CSV) are two people, however alike
    if (fromList && this.listed.has(person.id)) return undefined;
    const conflicts = identityConflicts(
      {
        emails: person.emails,
        profileUrl: person.linkedin,
        phones: person.phones,
        org: person.org,
        birthday: person.birthday,
      },
      f,
    );
    return conflicts.length === 0 ? { id: person.id, by: 'name' } : undefined;
  }

  /**
   * The one person holding one of the record's phones (compared as phoneKey does), contradicted by
   * nothing; with `nameless`, only one whose name was made of their number, with no address or
   * profile (a named person sharing a number is someone else at the same desk or home).
   */
  private async byPhoneAlone(
    f: Facts,
    fromList: boolean,
    nameless: boolean,
  ): Promise<{ id: number; by: MatchedBy } | undefined> {
    if (f.phones.length === 0) return undefined;
    const holders = new Set<number>();
    for (const key of f.phones.map(phoneKey))
      for (const id of (await this.phoneHolders()).get(key) ?? []) holders.add(id);
    if (holders.size === 0 || holders.size > 5) return undefined;
    const people = (await findPeopleByIds(this.db, this.ctx.workspaceId, [...holders])).filter(
      (p) =>
        // two entries of one list are two people, however alike
        !(fromList && this.listed.has(p.id)) &&
        sharePhone(p.phones, f.phones) &&
        identityConflicts({ emails: p.emails, profileUrl: p.linkedin, birthday: p.birthday }, { ...f, org: undefined })
          .length === 0,
    );
    const fitting = nameless
      ? (
          await Promise.all(
            people.map(async (p) =>
              p.emails.length === 0 && !p.linkedin && (await this.nameOrigin(p.id)).made ? p : undefined,
            ),
          )
        ).filter((p) => p !== undefined)
      : people;
    return fitting.length === 1 ? { id: (fitting[0] as Person).id, by: 'phone' } : undefined;
  }

  /** Everyone with a phone, by phoneKey (see byPhone). */
  private async phoneHolders(): Promise<Map<string, Set<number>>> {
    if (this.byPhone) return this.byPhone;
    const byPhone = new Map<string, Set<number>>();
    const rows = await this.db
      .selectFrom('people')
      .select(['id', 'phones'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('phones', '<>', '[]')
      .execute();
    this.byPhone = byPhone;
    for (const r of rows) this.holdPhones(Number(r.id), JSON.parse(r.phones) as string[]);
    return byPhone;
  }

  private holdPhones(id: number, phones: readonly string[]): void {
    if (!this.byPhone) return;
    for (const key of phones.map(phoneKey)) {
      if (!key) continue;
      const ids = this.byPhone.get(key) ?? new Set<number>();
      ids.add(id);
      this.byPhone.set(key, ids);
    }
  }

  private async idByEmail(email: string): Promise<number | undefined> {
    const cached = this.byEmail.get(email);
    if (cached !== undefined) return cached;
    const id = await this.people.idByEmail(email);
    if (id !== undefined) this.byEmail.set(email, id);
    return id;
  }

  /**
   * The person holding an address, else another spelling of its mailbox (a +tag, Gmail's dots,
   * googlemail.com): rob.brown@gmail.com's Rob is found at RobBrown@googlemail.com. The spelling
   * itself is not theirs until the person found gains it (see enrich).
   */
  private async idByAddress(email: string): Promise<number | undefined> {
    const exact = await this.idByEmail(email);
    if (exact !== undefined) return exact;
    const cached = this.byMailbox.get(email);
    if (cached !== undefined) return cached;
    const id = await this.people.idByMailbox(email);
    if (id !== undefined && this.byMailbox.size < 500_000) this.byMailbox.set(email, id);
    return id;
  }

  private async idByProfile(url: string): Promise<number | undefined> {
    const cached = this.byProfile.get(url);
    if (cached !== undefined) return cached;
    const id = await this.people.idByProfile(url);
    if (id === undefined) return undefined;
    this.byProfile.set(url, id);
    return id;
  }

  private async peopleNamed(name: string, except?: number): Promise<Person[]> {
    const ids = (await this.people.idsByNameKey(nameKey(name), 6)).filter((id) => id !== except);
    // most names are held by nobody else: no person is read then
    return ids.length === 0 ? [] : findPeopleByIds(this.db, this.ctx.workspaceId, ids.slice(0, 5));
  }

  /** Whether a person is stored under a name other than `name` (by name key). */
  /** Whether the person is stored under another name; `strictly`: one that conflicts (namesConflict), and was given, not made. */
  private async otherName(id: number, name: string, strictly: boolean): Promise<boolean> {
    const row = await this.db
      .selectFrom('people')
      .select(['name', 'name_key', 'name_made'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return false;
    return strictly ? !row.name_made && namesConflict(row.name, name) : row.name_key !== nameKey(name);
  }

  /**
   * Where the person's stored name comes from (see betterName): `made` from an address or profile,
   * not given; `imported` given by an import, not by the user.
   */
  private async nameOrigin(
    id: number,
  ): Promise<{ made: boolean; imported: boolean; displayed: boolean; source: string | null }> {
    const row = await this.db
      .selectFrom('people')
      .select(['name_made', 'name_source'])
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return {
      made: row?.name_made === 1,
      imported: row?.name_source != null,
      displayed: MESSAGE_SOURCES.has(row?.name_source ?? ''),
      source: row?.name_source ?? null,
    };
  }

  /** Whether the user merged someone into the person (a name, an address, a profile of another kept with them). */
  private async mergedInto(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('person_keys')
      .select('person_id')
      .where('workspace_id', '=', this.ctx.workspaceId)
      .where('person_id', '=', id)
      .where('source', 'like', 'merged:%')
      .executeTakeFirst();
    return row !== undefined;
  }

  private async create(f: Facts & { name: string; nameMade?: boolean }): Promise<number> {
    const emails = [];
    // an email another person holds stays theirs (it was matched above, so this is a race-free no-op)
    for (const e of f.emails) if ((await this.idByEmail(e)) === undefined) emails.push(e);
    const id = await this.people.create(
      {
        uid: this.ctx.newUid(),
        name: f.name,
        nameMade: f.nameMade ?? false,
        nameSource: this.source ?? 'import',
        emails,
        phones: f.phones,
        org: f.org ?? null,
        title: f.title ?? null,
        jobSource: (f.org || f.title) && this.source !== undefined ? this.source : null,
        jobAt: f.org || f.title ? (f.asOf ?? null) : null,
        linkedin: f.profileUrl ?? null,
        tags: f.tags,
        birthday: f.birthday ?? null,
        notes: f.notes ?? null,
        met: f.met ?? null,
        tier: f.tier ?? null,
        goal: f.goal ?? null,
        cadenceDays: f.cadenceDays ?? null,
      },
      this.ctx.now,
    );
    for (const e of emails) this.byEmail.set(e, id);
    if (f.profileUrl && !this.byProfile.has(f.profileUrl)) this.byProfile.set(f.profileUrl, id);
    this.holdPhones(id, f.phones);
    this.created.add(id);
    return id;
  }

  /**
   * Fills what the stored person lacks; never overwrites a value already there. A contact record
   * imported before as it is now (`unchanged`) has had its say: what the user removed or changed
   * since (an address, a phone, a label, a profile, a job) is not put back; its name may still be
   * the same name written with its accents (see betterName).
   */
  private async enrich(
    id: number,
    f: Facts,
    record?: PersonRecord,
    unchanged = false,
    /** found by the record's own UID in this source: a newer version of the record that made them */
    sameRecord = false,
  ): Promise<void> {
    const newEmails: string[] = [];
    // what the user took off this person is not put back (see removed-details)
    let removed: Set<string> | undefined;
    for (const e of f.emails) {
      const holder = await this.idByEmail(e);
      if (holder === undefined) {
        removed ??= unchanged ? undefined : await removedDetails(this.db, this.ctx.workspaceId, id, 'email');
        if (!unchanged && !removed?.has(e)) newEmails.push(e);
      }
      // a contact record giving one person addresses two people hold: maybe one (an address stays where it is)
      else if (record && holder !== id)
        await this.keepPair(id, holder, f.name ?? '', `one contact record gives both their addresses (${e})`);
    }
    // a name may improve the stored one (see betterName): looked at once per person in an import
    const named = f.name !== undefined && !this.namesSeen.has(id);
    if (named && this.namesSeen.size < 500_000) this.namesSeen.add(id);
    // a profile this person already holds (most references in messages repeat it) adds nothing
    const wantsMore =
      named ||
      newEmails.length > 0 ||
      (f.profileUrl !== undefined && this.byProfile.get(f.profileUrl) !== id) ||
      f.org !== undefined ||
      f.title !== undefined ||
      f.birthday !== undefined ||
      f.phones.length > 0 ||
      f.tags.length > 0 ||
      f.notes !== undefined ||
      f.met !== undefined ||
      f.tier !== undefined ||
      f.goal !== undefined ||
      f.cadenceDays !== undefined;
    // a dry run writes too (its transaction is rolled back), so that it reports what the import does
    if (!wantsMore) {
      for (const e of newEmails) this.byEmail.set(e, id);
      return;
    }
    const p = await findPerson(this.db, this.ctx.workspaceId, id);
    if (!p) return;
    const patch: Parameters<typeof updatePerson>[3] = {};
    const profileHolder = f.profileUrl ? await this.idByProfile(f.profileUrl) : undefined;
    if (unchanged) {
      // said when the record was first imported; the rest of this import (the export's messages
      // from that profile) still finds the person by the record's profile
      if (f.profileUrl && profileHolder === undefined) this.byProfile.set(f.profileUrl, id);
    } else if (f.profileUrl && !p.linkedin && profileHolder === undefined) {
      patch.linkedin = f.profileUrl;
      this.byProfile.set(f.profileUrl, id);
    } else if (record && profileHolder !== undefined && profileHolder !== id)
      // the record ties this person (found by address) to another holding its profile: maybe one
      await this.keepPair(
        id,
        profileHolder,
        f.name ?? p.name,
        `a contact record with the address of one and the LinkedIn profile of the other (${f.profileUrl})`,
      );
    else if (record && f.profileUrl && p.linkedin && p.linkedin !== f.profileUrl) {
      // matched by email with another profile stored: the stored one stays, and the rest of this
      // import (the export's messages from that profile) finds the same person by the record's
      if ((await this.idByProfile(f.profileUrl)) === undefined) {
        this.byProfile.set(f.profileUrl, id);
        // …and so does a later import (the export's messages.csv given on its own), as it finds a
        // person merged away by their profile
        await this.people.keepRecordKey(MERGED_PROFILE, f.profileUrl, id);
        if (this.profilesKept.length < 10_000)
          this.profilesKept.push({
            personId: id,
            name: p.name,
            where: record.where,
            stored: p.linkedin,
            offered: f.profileUrl,
          });
      }
    }
    // a name an import gave is written out more fully by a contact record, not by a name in a message
    const origin = named ? await this.nameOrigin(id) : undefined;
    // (an unchanged record gave its name when first imported: the name a merge kept since stays,
    // unless it was only made from an address, or the record writes it with more accents)
    // the source's own record, its name corrected there ("Jhon" → "John"), where that source gave
    // the stored name and the user neither typed another nor merged anyone in: as for a job
    const corrected =
      sameRecord &&
      !unchanged &&
      origin !== undefined &&
      !origin.made &&
      origin.source === this.source &&
      f.name !== undefined &&
      /\p{L}/u.test(f.name) &&
      nameKey(f.name) !== nameKey(p.name) &&
      !(await this.mergedInto(id))
        ? f.name
        : undefined;
    const name =
      corrected ??
      (origin
        ? betterName(
            p.name,
            f.name,
            origin.made,
            origin.imported && record !== undefined && !unchanged,
            origin.displayed && record !== undefined && !unchanged,
          )
        : undefined);
    if (name !== undefined) {
      patch.name = name;
      patch.nameSource = this.source ?? 'import';
    }
    await this.updateJob(p, f, patch, record, unchanged);
    if (!unchanged) {
      if (f.birthday && !p.birthday) patch.birthday = f.birthday;
      // another day than the one kept (the user's, or another record's): kept, and said, so that
      // a birthday corrected in the address book does not go unseen
      else if (
        record &&
        f.birthday &&
        p.birthday &&
        !sameBirthday(f.birthday, p.birthday) &&
        this.detailsKept.length < 10_000
      )
        this.detailsKept.push({
          name: p.name,
          where: record.where,
          what: 'birthday',
          stored: p.birthday,
          offered: f.birthday,
        });
      if (f.notes && !p.notes) patch.notes = f.notes;
      // the tier, goal and cadence a card of Rapport's export keeps fill what the person lacks
      if (f.tier && !p.tier) patch.tier = f.tier;
      if (f.goal && !p.goal) patch.goal = f.goal;
      if (f.cadenceDays && p.cadenceDays === null) patch.cadenceDays = f.cadenceDays;
      if (f.met && !p.met) patch.met = f.met;
      // how they met, as the user wrote it, keeps the date LinkedIn gives beside it
      else if (f.met?.startsWith(CONNECTED_ON) && p.met && !p.met.includes(CONNECTED_ON))
        patch.met = `${p.met}; ${f.met}`;
      const removedPhones =
        f.phones.length > 0 ? await removedDetails(this.db, this.ctx.workspaceId, id, 'phone') : undefined;
      const phones = unionPhones(
        p.phones,
        f.phones.filter((ph) => !removedPhones?.has(phoneKey(ph))),
      );
      if (phones.length > p.phones.length) {
        patch.phones = phones;
        this.holdPhones(id, phones);
      }
      const tags = union(p.tags, f.tags);
      if (tags.length > p.tags.length) patch.tags = tags;
    }
    // (a new address is a change of the person like any other: its time is theirs)
    if (newEmails.length > 0) patch.emails = [...p.emails, ...newEmails];
    if (Object.keys(patch).length > 0) await updatePerson(this.db, this.ctx.workspaceId, id, patch, this.ctx.now);
    for (const e of newEmails) this.byEmail.set(e, id);
  }

  /**
   * Organisation and title. A contact list's record that gives another job changes it when an
   * import set the stored one, and it is the same source (a newer export) or LinkedIn (a profile
   * is where people keep their job up to date); a job the user set, or another source's, stays
   * whole (its empty half is not filled from a job it contradicts) and the difference is
   * reported (jobsKept). A record imported before as it is now gave its job then: what the job
   * became since (a merge that kept another, an edit) stays, and the difference is reported.
   * Otherwise what is empty is filled.
   */
  private async updateJob(
    p: Person,
    f: Facts,
    patch: Parameters<typeof updatePerson>[3],
    record: PersonRecord | undefined,
    unchanged: boolean,
  ): Promise<void> {
    if (!f.org && !f.title) return;
    const orgDiffers = f.org !== undefined && p.org !== null && !sameOrganisation(p.org, f.org);
    const titleDiffers = f.title !== undefined && p.title !== null && nameKey(p.title) !== nameKey(f.title);
    const setBy = async () => {
      const row = await this.db
        .selectFrom('people')
        .select(['job_source', 'job_at'])
        .where('workspace_id', '=', this.ctx.workspaceId)
        .where('id', '=', p.id)
        .executeTakeFirst();
      return { source: row?.job_source ?? null, at: row?.job_at === null || !row ? null : Number(row.job_at) };
    };
    if (record && this.source !== undefined && (orgDiffers || titleDiffers)) {
      const by = await setBy();
      const offered = jobText(f.org ?? p.org, f.title ?? (orgDiffers ? null : p.title));
      // a record older than the one that gave the stored job does not roll it back
      const older = by.at !== null && f.asOf !== undefined && f.asOf < by.at;
      if (by.source !== null && (by.source === this.source || this.source === 'linkedin') && !older && !unchanged) {
        // a new organisation ends the old title with it
        patch.org = f.org ?? p.org;
        patch.title = f.title ?? (orgDiffers ? null : p.title);
        patch.jobSource = this.source;
        patch.jobAt = f.asOf ?? null;
      } else if (this.jobsKept.length < 10_000)
        this.jobsKept.push({
          personId: p.id,
          name: p.name,
          where: record.where,
          stored: jobText(p.org, p.title),
          offered,
          ...(by.source !== null && older ? { older: true as const } : {}),
        });
      return;
    }
    const fillOrg = f.org !== undefined && !p.org;
    const fillTitle = f.title !== undefined && !p.title;
    if (!fillOrg && !fillTitle) return;
    if (fillOrg) patch.org = f.org ?? null;
    if (fillTitle) patch.title = f.title ?? null;
    // the job is this source's when it gave all of it; filling in beside the user's keeps it theirs
    if (!p.org && !p.title && this.source !== undefined) {
      patch.jobSource = this.source;
      patch.jobAt = f.asOf ?? null;
    } else {
      const by = await setBy();
      patch.jobSource = by.source;
      patch.jobAt = by.at;
    }
  }

  /**
   * A contact record matched to someone by email or profile whose name is another person's, and
   * only theirs (the name in full on LinkedIn, a shorter one in the address book): the two may be
   * one person. Kept for `rapport duplicates` and reported, unless the user said they differ.
   */
  private async noteNamesake(id: number, name: string, by: 'email' | 'profile', fromList: boolean): Promise<void> {
    if (!nameIsDistinctive(name)) return;
    const named = await this.people.idsByNameKey(nameKey(name), 2);
    const other = named[0];
    if (named.length !== 1 || other === undefined || other === id) return;
    // a message or meeting from one person's address under another's name: a shared address (info@),
    // an assistant writing for someone, or one person known twice
    const what = fromList ? 'a contact record' : 'a message or meeting';
    await this.keepPair(
      id,
      other,
      name,
      `${what} with the ${by === 'email' ? 'email' : 'profile'} of one and the name "${name}" of the other`,
    );
  }

  /**
   * Two people who may be one, kept for `rapport duplicates` (possible_duplicates) and reported,
   * unless the user said they differ.
   */
  private async keepPair(id: number, other: number, name: string, reason: string): Promise<void> {
    const [a, b] = id < other ? [id, other] : [other, id];
    const ws = this.ctx.workspaceId;
    const distinct = await this.db
      .selectFrom('distinct_people')
      .select('person_a')
      .where('workspace_id', '=', ws)
      .where('person_a', '=', a)
      .where('person_b', '=', b)
      .executeTakeFirst();
    if (distinct) return;
    const stored = await this.db
      .insertInto('possible_duplicates')
      .values({ workspace_id: ws, person_a: a, person_b: b, reason, created_at: this.ctx.now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(stored.numInsertedOrUpdatedRows ?? 0) > 0)
      this.candidates.push({ personId: id, otherId: other, name, reasons: [reason] });
  }

  /**
   * A new person with a phone someone holds under a name that may be theirs too ("Bob Brown" and
   * "Robert Brown", "Z. Quinn" and "Zoe Quinn"): kept apart (a desk or a home is shared), and put
   * before the user as people who may be one.
   */
  private async notePhoneSharers(id: number, name: string, phones: readonly string[]): Promise<void> {
    if (phones.length === 0) return;
    const holders = new Set<number>();
    for (const key of phones.map(phoneKey))
      for (const other of (await this.phoneHolders()).get(key) ?? []) if (other !== id) holders.add(other);
    if (holders.size === 0 || holders.size > 5) return;
    for (const other of await findPeopleByIds(this.db, this.ctx.workspaceId, [...holders]))
      if (mayBeOneName(name, other.name)) {
        const phone = phones.find((p) => sharePhone(other.phones, [p])) ?? phones[0];
        await this.keepPair(id, other.id, name, `"${name}" and "${other.name}" have the same phone (${phone})`);
      }
  }

  /** A new person sharing a distinctive name with others: a candidate duplicate, with the reason it was not merged. */
  private async noteHomonyms(id: number, f: Facts & { name: string }, fromList: boolean): Promise<void> {
    if (!nameIsDistinctive(f.name)) return;
    const others = await this.peopleNamed(f.name, id);
    for (const other of others) {
      const reasons = identityConflicts(
        {
          emails: other.emails,
          profileUrl: other.linkedin,
          phones: other.phones,
          org: other.org,
          birthday: other.birthday,
        },
        f,
      );
      const why =
        reasons.length > 0
          ? reasons
          : fromList && this.listed.has(other.id)
            ? ['two entries of the same file']
            : [`${others.length + 1} people share this name`];
      this.candidates.push({ personId: id, otherId: other.id, name: f.name, reasons: why });
    }
    if (f.org) await this.noteMiddleNames(id, f.name, f.org);
  }

  /**
   * The people named with three words or more, by their first and last ("anna müller" for Anna
   * Maria Müller): read once per import, with those it adds. Few names have middle names, so one
   * pass over the names costs less than a search per record.
   */
  private middleNamedCache?: Map<string, [number, string[]][]>;
  private async middleNamed(): Promise<Map<string, [number, string[]][]>> {
    if (this.middleNamedCache) return this.middleNamedCache;
    const map = new Map<string, [number, string[]][]>();
    for (const r of await this.people.namesOfThreeWords()) {
      const words = r.key.split(' ').filter(Boolean);
      const short = `${words[0]} ${words[words.length - 1]}`;
      const list = map.get(short);
      if (list) list.push([r.id, words]);
      else map.set(short, [[r.id, words]]);
    }
    this.middleNamedCache = map;
    return map;
  }

  /**
   * Someone at the same organisation under the same name but for middle names ("Anna Müller" and
   * "Anna Maria Müller" at Umbrella) may be the same person: listed as a possible duplicate, never
   * merged. Whichever came first, so that the order of the files does not decide it.
   */
  private async noteMiddleNames(id: number, name: string, org: string): Promise<void> {
    const words = nameKey(name).split(' ').filter(Boolean);
    if (words.length < 2 || isCompanyName(name)) return;
    const first = words[0] as string;
    const last = words[words.length - 1] as string;
    const ids = new Set<number>();
    const short = `${first} ${last}`;
    const longer = await this.middleNamed();
    // the record's name without its middle names
    if (words.length > 2) {
      for (const other of await this.people.idsByNameKey(short, 6)) ids.add(other);
      const known = longer.get(short);
      if (known) known.push([id, words]);
      else if (longer.size < 1_000_000) longer.set(short, [[id, words]]);
    }
    // the record's name with middle names added
    for (const [other, key] of longer.get(short) ?? [])
      if (key.length > words.length && words.every((w) => key.includes(w))) ids.add(other);
    ids.delete(id);
    if (ids.size === 0) return;
    for (const other of await findPeopleByIds(this.db, this.ctx.workspaceId, [...ids].slice(0, 5))) {
      if (!other.org || !sameOrganisation(other.org, org)) continue;
      await this.keepPair(
        id,
        other.id,
        name,
        `${name} and ${other.name} at ${other.org}: the same name but for a middle name`,
      );
    }
  }
}

/**
 * A digest of who a contact record describes (name, emails, phones, profile, organisation,
 * title, birthday, connection date, and notes and tags when it has them). What identifies a
 * record within its source is its own id when it has one (a vCard UID), else this digest, so the
 * same record imported again is found again; the digest also tells it unchanged.
 */
function contentKey(r: PersonRecord): string {
  const what = [
    nameKey(r.name ?? ''),
    r.emails.map(normalizeEmail).sort(),
    r.phones.map(phoneKey).sort(),
    normalizeProfileUrl(r.profileUrl) ?? '',
    r.org?.trim() ?? '',
    r.title?.trim() ?? '',
    r.birthday ?? '',
    r.connectedAt ?? '',
    // two entries alike but for what is written about them (a plumber and a dentist, both John
    // Smith) are two people
    ...(r.notes?.trim() || r.tags.length > 0 ? [r.notes?.trim() ?? '', r.tags.map((t) => t.toLowerCase()).sort()] : []),
  ];
  return `sha256:${createHash('sha256').update(JSON.stringify(what)).digest('base64url').slice(0, 22)}`;
}

/** Letters written with a diacritic (ë, Å, ñ). */
function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((x) => x.toLowerCase()));
  const out = [...a];
  for (const x of b) {
    const k = x.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/** "Partner at Lagos Ventures", "Lagos Ventures", "Partner"; "no job" for neither. */
function jobText(org: string | null | undefined, title: string | null | undefined): string {
  if (org && title) return `${title} at ${org}`;
  return org || title || 'no job';
}
