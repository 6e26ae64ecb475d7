import { badDate, parseLinkedinDate } from './linkedin-dates.js';
import { hash } from './linkedin-ids.js';
import { firstChars } from './linkedin-notes.js';
import { ref, refKey } from './linkedin-refs.js';
import { reader, type Table } from './linkedin-table.js';
import type { ContactRef, InteractionRecord, ParseIssue } from './records.js';

/**
 * Invitations.csv: each invitation becomes a social touch saying who reached out; the rows also
 * give the user's profile URL, which helps find the owner.
 */

export interface InvitationRow {
  readonly where: { line: number; entry: string };
  readonly direction: 'in' | 'out';
  readonly counterpart: ContactRef;
  /** the user's profile URL as this row gives it */
  readonly ownerUrl?: string;
  readonly at: number;
  readonly message: string;
}

export function invitationRowsOf(t: Table, issues: ParseIssue[]): InvitationRow[] {
  const read = reader(t, ['From', 'To', 'Sent At', 'Message', 'Direction', 'inviterProfileUrl', 'inviteeProfileUrl']);
  const out: InvitationRow[] = [];
  for (const row of t.rows) {
    const where = { line: row.line, entry: t.entry };
    const [from, to, sentAt, message, dir, inviterUrl, inviteeUrl] = read(row);
    const direction = dir.toUpperCase() === 'OUTGOING' ? 'out' : dir.toUpperCase() === 'INCOMING' ? 'in' : undefined;
    if (!direction) {
      issues.push({
        ...where,
        code: 'bad_direction',
        message: `Direction "${dir}" is neither OUTGOING nor INCOMING; skipped`,
        dropped: true,
      });
      continue;
    }
    const at = parseLinkedinDate(sentAt, t.dateOrder);
    if (at === undefined) {
      issues.push(badDate(where, 'Sent At', sentAt));
      continue;
    }
    const counterpart = direction === 'out' ? ref(to, inviteeUrl) : ref(from, inviterUrl);
    if (!counterpart) {
      issues.push({
        ...where,
        code: 'no_identity',
        message: 'an invitation with no name and no profile URL; skipped',
        dropped: true,
      });
      continue;
    }
    const ownerUrl = direction === 'out' ? inviterUrl : inviteeUrl;
    out.push({ where, direction, counterpart, at, message, ...(ownerUrl ? { ownerUrl } : {}) });
  }
  return out;
}

/** The start of an invitation's external id. */
export const INVITATION_KEY = 'li-inv:';

export function invitation(r: InvitationRow): InteractionRecord {
  return {
    kind: 'interaction',
    where: r.where,
    externalId: `${INVITATION_KEY}${hash(r.direction, refKey(r.counterpart), String(r.at))}`,
    at: r.at,
    channel: 'social',
    direction: r.direction,
    // a click, with or without a line of text: it says who reached out, not that they talked
    depth: 'transactional',
    note: r.message ? `Invitation: ${firstChars(r.message, 120)}` : 'Invitation to connect',
    counterparts: [r.counterpart],
    from: r.direction === 'in' ? r.counterpart : undefined,
    // the id holds their profile URL, which they may change: found again as the same invitation to the same person
    sameByContent: true,
  };
}
