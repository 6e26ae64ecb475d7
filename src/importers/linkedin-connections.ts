import { badDate, parseLinkedinDate } from './linkedin-dates.js';
import { fullName } from './linkedin-refs.js';
import { reader, type Table } from './linkedin-table.js';
import type { ParseIssue, PersonRecord } from './records.js';

/** Connections.csv: each connection becomes a person, with when they connected. */

/** A company or position typed with line breaks (a quoted cell may hold them) as one line. */
function oneLine(text: string): string | undefined {
  return text.replace(/\s+/g, ' ').trim() || undefined;
}

export function connections(t: Table, issues: ParseIssue[]): PersonRecord[] {
  const read = reader(t, ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On']);
  const out: PersonRecord[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [first, last, url, email, company, position, connectedOn] = read(row);
    const name = fullName(first, last);
    if (!name && !url && !email) {
      issues.push({
        ...where,
        code: 'no_identity',
        message: 'a connection with no name and no profile URL (a closed account); skipped',
        dropped: true,
      });
      continue;
    }
    const connectedAt = connectedOn ? parseLinkedinDate(connectedOn, t.dateOrder) : undefined;
    // the person is known without the date: kept, and the date reported
    if (connectedOn && connectedAt === undefined)
      issues.push({
        ...badDate(where, 'Connected On', connectedOn),
        message: `Connected On "${connectedOn}" is not a date; kept without it`,
        dropped: false,
      });
    out.push({
      kind: 'person',
      where,
      name,
      emails: email ? [email] : [],
      phones: [],
      profileUrl: url || undefined,
      org: oneLine(company),
      title: oneLine(position),
      tags: [],
      connectedAt,
    });
  }
  return out;
}
