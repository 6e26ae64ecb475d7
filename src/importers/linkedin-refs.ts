import { LINKEDIN_HOST_PREFIX, normalizeProfileUrl } from '../domain/identity.js';
import type { ContactRef } from './records.js';

/**
 * The people a row names, as contact references (a name and/or a profile URL), and the keys that
 * tell two references to the same person: the profile URL compared loosely, else the name.
 */

export function fullName(first: string, last: string): string | undefined {
  return [first, last].filter(Boolean).join(' ') || undefined;
}

/** A name and/or URL; "LinkedIn Member" (a hidden account) is no name. Undefined when nothing is left. */
export function ref(name: string, url: string): ContactRef | undefined {
  const n = name.trim();
  const u = url.trim();
  const realName = n && n.toLowerCase() !== 'linkedin member' ? n : undefined;
  if (!realName && !u) return undefined;
  return { ...(realName ? { name: realName } : {}), ...(u ? { profileUrl: u } : {}) };
}

export function refKey(r: ContactRef): string {
  return r.profileUrl ? profileKey(r.profileUrl) : `name:${(r.name ?? '').toLowerCase()}`;
}

export function distinct(refs: ContactRef[]): ContactRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(refKey(r)) && !!seen.add(refKey(r)));
}

export function sameRef(a: ContactRef, b: ContactRef): boolean {
  return refKey(a) === refKey(b);
}

/**
 * A profile URL compared loosely: no scheme, no www., country or mobile host prefix (uk., m.,
 * as normalizeProfileUrl drops them), no query, no trailing slash, lower case.
 */
/**
 * A profile URL as the user's own is compared (see findOwner): as normalizeProfileUrl writes it,
 * percent-escapes decoded, so that `--me` given as the export writes it (j%C3%B6rg) or as a
 * browser shows it (jörg) finds the profile. Not the key of stored ids (profileKey), which
 * cannot change.
 */
export function ownerKey(url: string): string {
  let key = ownerKeys.get(url);
  if (key === undefined) {
    key = normalizeProfileUrl(url) ?? profileKey(url);
    if (ownerKeys.size > 100_000) ownerKeys.clear();
    ownerKeys.set(url, key);
  }
  return key;
}

const ownerKeys = new Map<string, string>();

export function profileKey(url: string): string {
  let key = profileKeys.get(url);
  if (key === undefined) {
    key = url
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '');
    const slash = key.indexOf('/');
    const host = slash < 0 ? key : key.slice(0, slash);
    key = host.replace(LINKEDIN_HOST_PREFIX, '') + key.slice(host.length);
    // the same few thousand URLs come back on every message: remember them, within bounds
    if (profileKeys.size > 100_000) profileKeys.clear();
    profileKeys.set(url, key);
  }
  return key;
}

const profileKeys = new Map<string, string>();
