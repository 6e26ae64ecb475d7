import { badDate, parseLinkedinDate } from './linkedin-dates.js';
import { hash } from './linkedin-ids.js';
import { firstChars } from './linkedin-notes.js';
import { fullName, ref, refKey } from './linkedin-refs.js';
import { reader, type Table } from './linkedin-table.js';
import type { ExchangeRecord, ParseIssue } from './records.js';

/**
 * Recommendations_*.csv and Endorsement_*_Info.csv: talent exchanges in the ledger, given or
 * received, whatever their Status.
 */

export function recommendations(t: Table, direction: 'given' | 'received', issues: ParseIssue[]): ExchangeRecord[] {
  const read = reader(t, ['First Name', 'Last Name', 'Text', 'Creation Date', 'Company', 'Job Title']);
  const out: ExchangeRecord[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [first, last, text, created, company, jobTitle] = read(row);
    const named = ref(fullName(first, last) ?? '', '');
    // the company tells two people of one name apart, and is kept on a person created for them
    const person = named && {
      ...named,
      ...(company.trim() ? { org: company.trim() } : {}),
      ...(jobTitle.trim() ? { title: jobTitle.trim() } : {}),
    };
    if (!person) {
      issues.push({ ...where, code: 'no_identity', message: 'a recommendation with no name; skipped', dropped: true });
      continue;
    }
    const at = parseLinkedinDate(created, t.dateOrder);
    if (at === undefined) {
      issues.push(badDate(where, 'Creation Date', created));
      continue;
    }
    out.push({
      kind: 'exchange',
      where,
      // its time and text: the recommender's name may read otherwise in a newer export (a name taken on marriage)
      externalId: `li-rec2-${direction}:${hash(String(at), text)}`,
      formerIds: [`li-rec-${direction}:${hash(refKey(person), String(at), text)}`],
      person,
      direction,
      category: 'talent',
      note: `Recommendation: ${firstChars(text, 120)}`,
      at,
    });
  }
  return out;
}

/**
 * Endorsements, one exchange per person and day: endorsing someone for five skills is one act of
 * a few clicks, not five favours (it would otherwise outweigh a written recommendation, and make
 * any new contact "too fast").
 */
export function endorsements(t: Table, direction: 'given' | 'received', issues: ParseIssue[]): ExchangeRecord[] {
  const who = direction === 'given' ? 'Endorsee' : 'Endorser';
  const read = reader(t, [
    'Endorsement Date',
    'Skill Name',
    `${who} First Name`,
    `${who} Last Name`,
    `${who} Public Url`,
  ]);
  const days = new Map<string, { first: ExchangeRecord; skills: string[]; formerIds: string[] }>();
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [date, skill, first, last, url] = read(row);
    const person = ref(fullName(first, last) ?? '', url);
    if (!person) {
      issues.push({
        ...where,
        code: 'no_identity',
        message: 'an endorsement with no name and no profile URL; skipped',
        dropped: true,
      });
      continue;
    }
    const at = parseLinkedinDate(date, t.dateOrder);
    if (at === undefined) {
      issues.push(badDate(where, 'Endorsement Date', date));
      continue;
    }
    const day = new Date(at).toISOString().slice(0, 10);
    const key = `${refKey(person)}\u0000${day}`;
    // the id an earlier release gave each skill's row: such a row stored means this day is
    const formerId = `li-end-${direction}:${hash(refKey(person), skill, String(at))}`;
    const seen = days.get(key);
    if (seen) {
      if (skill && !seen.skills.includes(skill)) seen.skills.push(skill);
      seen.formerIds.push(formerId);
      if (at < seen.first.at) seen.first = { ...seen.first, at };
      continue;
    }
    days.set(key, {
      first: {
        kind: 'exchange',
        where,
        externalId: `li-end2-${direction}:${hash(refKey(person), day)}`,
        person,
        direction,
        category: 'talent',
        note: '',
        at,
      },
      skills: skill ? [skill] : [],
      formerIds: [formerId],
    });
  }
  return [...days.values()].map(({ first, skills, formerIds }) => ({
    ...first,
    formerIds,
    note: firstChars(`Endorsed ${skills.length === 0 ? 'a skill' : skillList(skills)}`, 160),
  }));
}

function skillList(skills: readonly string[]): string {
  if (skills.length === 1) return skills[0] as string;
  return `${skills.slice(0, -1).join(', ')} and ${skills.at(-1)}`;
}
