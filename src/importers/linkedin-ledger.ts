import { badDate, parseLinkedinDate } from './linkedin-dates.js';
import { hash } from './linkedin-ids.js';
import { firstChars } from './linkedin-notes.js';
import { fullName, ref, refKey } from './linkedin-refs.js';
import { reader, type Table } from './linkedin-table.js';
import type { ExchangeRecord, ParseIssue } from './records.js';

/**
 * Recommendations_*.csv and Endorsement_*_Info.csv: each becomes a talent exchange in the ledger,
 * given or received, whatever its Status.
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

export function endorsements(t: Table, direction: 'given' | 'received', issues: ParseIssue[]): ExchangeRecord[] {
  const who = direction === 'given' ? 'Endorsee' : 'Endorser';
  const read = reader(t, [
    'Endorsement Date',
    'Skill Name',
    `${who} First Name`,
    `${who} Last Name`,
    `${who} Public Url`,
  ]);
  const out: ExchangeRecord[] = [];
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
    out.push({
      kind: 'exchange',
      where,
      externalId: `li-end-${direction}:${hash(refKey(person), skill, String(at))}`,
      person,
      direction,
      category: 'talent',
      note: `Endorsed ${skill || 'a skill'}`,
      at,
    });
  }
  return out;
}
