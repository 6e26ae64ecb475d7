import type { InvitationRow } from './linkedin-invitations.js';
import type { MessageRow, Owner } from './linkedin-messages.js';
import { ownerKey, profileKey, refKey } from './linkedin-refs.js';
import type { ContactRef, PersonRecord } from './records.js';

/**
 * Who the user is, since the export never says: given, or guessed as the profile taking part in
 * the most conversations.
 */

export interface LinkedinOptions {
  readonly ownerName?: string;
  readonly ownerProfileUrl?: string;
  /** when the export was made, epoch ms (the date LinkedIn writes in its name), if known */
  readonly exportedAt?: number;
}

export function findOwner(
  opts: LinkedinOptions,
  messages: MessageRow[],
  invitations: InvitationRow[],
  people: PersonRecord[],
): Owner {
  // an old export names people without profile URLs: a profile given cannot be found there
  const urls = messages.some((m) => m.sender?.profileUrl || m.recipients.some((r) => r.profileUrl));
  // a name given (--me "Ann Owner"), in an export with profile URLs: the profile it sends from
  const named = opts.ownerName && urls && !opts.ownerProfileUrl ? profileOfName(messages, opts.ownerName) : undefined;
  const given = urls || messages.length === 0 ? (opts.ownerProfileUrl ?? named) : undefined;
  // in an export without them, the name given is the owner
  const guess = given || (opts.ownerName && !urls) ? undefined : guessOwner(messages, invitations, people);
  const url = given ?? guess?.ref.profileUrl;
  const name = opts.ownerName?.trim() || ((url ? mostCommonName(messages, url) : undefined) ?? guess?.ref.name);
  const urlKey = url ? ownerKey(url) : undefined;
  const nameKey = name === undefined ? undefined : spokenName(name);
  return {
    ...(url === undefined ? {} : { url }),
    ...(name === undefined ? {} : { name }),
    ...(guess ? { guessed: { certain: guess.certain } } : {}),
    urls,
    // a URL decides when both sides have one; a name only when a URL is missing
    is: (r) =>
      urlKey && r.profileUrl ? ownerKey(r.profileUrl) === urlKey : !!nameKey && spokenName(r.name ?? '') === nameKey,
  };
}

/**
 * The participant in the most conversations (the user is in every one), keyed by profile URL, or
 * by name in old exports without URLs. Ties: the inviter of OUTGOING invitations, someone who is
 * not a connection, then the most messages sent; the key's order last so a re-parse agrees.
 * Certain when nobody else is in as many conversations, or a tie is broken by the inviter of
 * outgoing invitations (only the user sends those); a guess from one conversation is not.
 */
function guessOwner(
  messages: MessageRow[],
  invitations: InvitationRow[],
  people: PersonRecord[],
): { ref: ContactRef; certain: boolean } | undefined {
  const conversations = new Map<string, Set<string>>();
  const sent = new Map<string, number>();
  const refs = new Map<string, ContactRef>();
  // an export that gives senders' profiles but names recipients only: a name is the profile that
  // name sends from, when only one does
  const profileByName = new Map<string, ContactRef | null>();
  for (const m of messages)
    if (m.sender?.profileUrl && m.sender.name) {
      const name = m.sender.name.toLowerCase();
      const known = profileByName.get(name);
      if (known === undefined) profileByName.set(name, m.sender);
      else if (known && profileKey(known.profileUrl ?? '') !== profileKey(m.sender.profileUrl))
        profileByName.set(name, null);
    }
  const keyOf = (r: ContactRef) => refKey(!r.profileUrl && r.name ? (profileByName.get(r.name.toLowerCase()) ?? r) : r);
  const note = (r: ContactRef | undefined, conversation: string) => {
    if (!r) return;
    const key = keyOf(r);
    if (!refs.has(key)) refs.set(key, r);
    const set = conversations.get(key) ?? new Set<string>();
    set.add(conversation);
    conversations.set(key, set);
  };
  for (const m of messages) {
    note(m.sender, m.conversation);
    if (m.sender) sent.set(keyOf(m.sender), (sent.get(keyOf(m.sender)) ?? 0) + 1);
    for (const r of m.recipients) note(r, m.conversation);
  }
  const invited = new Map<string, number>();
  for (const i of invitations)
    if (i.ownerUrl) {
      const r = { profileUrl: i.ownerUrl };
      const key = refKey(r);
      invited.set(key, (invited.get(key) ?? 0) + 1);
      if (!refs.has(key)) refs.set(key, r);
    }
  const connected = new Set(people.map((p) => refKey(p)));
  const score = (key: string): number[] => [
    conversations.get(key)?.size ?? 0,
    invited.get(key) ?? 0,
    connected.has(key) ? 0 : 1,
    sent.get(key) ?? 0,
  ];
  const ranked = [...refs.keys()].sort((a, b) => compareScores(score(b), score(a)) || (a < b ? -1 : a > b ? 1 : 0));
  const best = ranked[0];
  const ref = best === undefined ? undefined : refs.get(best);
  if (best === undefined || !ref) return undefined;
  const [top = 0, topInvited = 0] = score(best);
  const [next = 0, nextInvited = 0] = ranked[1] === undefined ? [] : score(ranked[1]);
  const certain = top > next || (top === next && topInvited > nextInvited);
  return { ref, certain };
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** A name as compared with the owner's: without case, its spaces as one. */
function spokenName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The profile a name sends its messages from most often (the same name written in any case or spacing). */
function profileOfName(messages: MessageRow[], name: string): string | undefined {
  const wanted = spokenName(name);
  const counts = new Map<string, number>();
  for (const m of messages)
    if (m.sender?.profileUrl && spokenName(m.sender.name ?? '') === wanted)
      counts.set(m.sender.profileUrl, (counts.get(m.sender.profileUrl) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

function mostCommonName(messages: MessageRow[], url: string): string | undefined {
  const key = ownerKey(url);
  const counts = new Map<string, number>();
  for (const m of messages)
    for (const r of m.sender ? [m.sender, ...m.recipients] : m.recipients)
      if (r.name && r.profileUrl && ownerKey(r.profileUrl) === key) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
