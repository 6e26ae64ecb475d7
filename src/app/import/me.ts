import { normalizeProfileUrl } from '../../domain/identity.js';
import { isEmail, normalizeEmail } from '../../domain/person.js';
import { findPersonIdByEmail, findPersonIdByMailbox } from '../../store/person.repository.js';
import { getSetting, setSetting } from '../../store/workspace.repository.js';
import type { Context } from '../context.js';
import { takeOutUser, userKnowsThem } from '../duplicates.js';
import { invalid } from '../errors.js';
import type { ImportReport } from '../import-report.js';

type Db = Context['store']['db'];

/** The workspace setting that remembers the user's own addresses (mail and calendars). */
const ME = 'me.emails';
/** Those of them an import guessed (the address in the most messages), not named with --me. */
const ME_GUESSED = 'me.emails.guessed';
/** The user's own LinkedIn profile, found in their export's messages. */
const LINKEDIN_ME = 'me.linkedin';

/** A workspace setting holding a JSON list of strings; empty when unset or unreadable. */
async function settingList(ctx: Context, key: string, db: Db = ctx.store.db): Promise<string[]> {
  const raw = await getSetting(db, ctx.workspaceId, key);
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberedAddresses(ctx: Context, db: Db = ctx.store.db): Promise<string[]> {
  return settingList(ctx, ME, db);
}

/**
 * Checks and sorts what --me gave: email addresses (normalised), and the user's LinkedIn profile
 * (for LinkedIn exports, which name people by profile). With `names` (a LinkedIn import), anything
 * else is the user's name as an old export, without profile URLs, writes it; otherwise it is refused.
 */
export function splitMe(
  values: readonly string[],
  names = false,
): { emails: string[]; profile?: string; name?: string } {
  const emails: string[] = [];
  let profile: string | undefined;
  let name: string | undefined;
  for (const raw of values) {
    if (isEmail(raw)) {
      emails.push(normalizeEmail(raw));
      continue;
    }
    const url = normalizeProfileUrl(raw);
    if (url?.startsWith('https://www.linkedin.com/in/')) profile = url;
    else if (names && /\p{L}/u.test(raw) && !/[@/:]/.test(raw) && raw.trim().length <= 200) name = raw.trim();
    else
      throw invalid(
        names
          ? `--me "${raw}" is neither an email address, a LinkedIn profile URL (linkedin.com/in/…) nor a name`
          : `--me "${raw}" is neither an email address nor a LinkedIn profile URL (linkedin.com/in/…)`,
      );
  }
  return { emails, ...(profile === undefined ? {} : { profile }), ...(name === undefined ? {} : { name }) };
}

/** The email addresses --me gave, checked and normalised. */
export function checkAddresses(values: readonly string[]): string[] {
  return splitMe(values).emails;
}

/**
 * Remembers the addresses of an import: those named with --me (`given`) confirm any guessed before,
 * and replace those still only guessed; a guess is remembered as one; addresses a file showed are
 * the user's (`learned`) are added, and change nothing else.
 */
async function remember(
  ctx: Context,
  addresses: readonly string[],
  how: 'given' | 'guessed' | 'learned',
  db: Db = ctx.store.db,
): Promise<string[]> {
  const known = await rememberedAddresses(ctx, db);
  const guesses = await settingList(ctx, ME_GUESSED, db);
  const dropped = how === 'given' ? guesses.filter((g) => !addresses.includes(g)) : [];
  const all = [...new Set([...known.filter((a) => !dropped.includes(a)), ...addresses])];
  const stillGuessed = how === 'guessed' ? [...new Set([...guesses, ...addresses])] : how === 'learned' ? guesses : [];
  if (all.join('\n') !== known.join('\n')) await setSetting(db, ctx.workspaceId, ME, JSON.stringify(all));
  if (stillGuessed.join('\n') !== guesses.join('\n'))
    await setSetting(db, ctx.workspaceId, ME_GUESSED, JSON.stringify(stillGuessed));
  return dropped;
}

/**
 * The user's LinkedIn profile remembered, as normalizeProfileUrl writes it (an earlier release kept
 * it as the export wrote it: the same profile either way).
 */
export async function rememberedLinkedinProfile(ctx: Context): Promise<string | undefined> {
  const raw = await getSetting(ctx.store.db, ctx.workspaceId, LINKEDIN_ME);
  return raw === undefined ? undefined : (normalizeProfileUrl(raw) ?? raw);
}

export async function rememberLinkedinProfile(ctx: Context, url: string): Promise<void> {
  await setSetting(ctx.store.db, ctx.workspaceId, LINKEDIN_ME, normalizeProfileUrl(url) ?? url);
}

/**
 * What an import writes of the user's addresses before its first file (see Me.get), by report:
 * ImportSession.run does it inside that file's transaction.
 */
export const beforeFirstFile = new WeakMap<ImportReport, (db: Db) => Promise<void>>();

/**
 * The user's own addresses for one import: those given with --me and those remembered; with
 * neither, the address found in the most messages or meetings (counted on demand), which the
 * report states. Given and guessed addresses are remembered for later imports, with the first file
 * stored (not on a dry run).
 */
export class Me {
  private addresses = new Set<string>();
  private settled = false;

  constructor(
    private readonly ctx: Context,
    private readonly given: readonly string[],
    private readonly report: ImportReport,
    private readonly dryRun: boolean,
  ) {}

  /**
   * The addresses, counting with `count` only when none is given or remembered. `needed`: the
   * import cannot tell anything the user's without them (mail, calendars), so the report says
   * when there are none; contact files only leave the user's own card out with them.
   */
  async get(count: () => Promise<ReadonlyMap<string, number>>, { needed = true } = {}): Promise<ReadonlySet<string>> {
    if (this.settled) return this.addresses;
    const given = checkAddresses(this.given);
    // addresses named with --me replace those only guessed before (a wrong guess is corrected so)
    const guesses = given.length > 0 ? await settingList(this.ctx, ME_GUESSED) : [];
    const remembered = (await rememberedAddresses(this.ctx)).filter((a) => given.includes(a) || !guesses.includes(a));
    const known = [...new Set([...given, ...remembered])];
    let guessed = false;
    if (known.length === 0) {
      const best = await this.guess(new Map(await count()));
      if (best) {
        known.push(best);
        guessed = true;
      }
    }
    this.addresses = new Set(known);
    this.settled = true;
    if (known.length === 0 && needed) this.report.meUnknown = true;
    if (known.length > 0) {
      this.report.me = { addresses: known, guessed };
      const dropped = guesses.filter((g) => !known.includes(g));
      if (dropped.length > 0) this.report.meGuessDropped = dropped;
      // written with the first file the import stores, in its transaction: an import refused or
      // killed leaves them as they were, and a dry run says what it would take out
      beforeFirstFile.set(this.report, async (db) => {
        // only --me confirms (or replaces) a guess; an import that names none keeps it a guess
        await remember(
          this.ctx,
          given.length > 0 ? given : known,
          given.length > 0 ? 'given' : guessed ? 'guessed' : 'learned',
          db,
        );
        // a person an earlier import made of one of these addresses is the user
        const { takenOut, held } = await takeOutUser(this.ctx, db, { addresses: known });
        if (takenOut.length > 0) this.report.takenOut = takenOut;
        if (held.length > 0) this.report.ownAddressHeld = held;
      });
    }
    return this.addresses;
  }

  /**
   * The address in the most messages, unless it is that of someone the user told Rapport of
   * (userKnowsThem: a person added, or with an interaction logged): then the next, a few times.
   */
  private async guess(counts: Map<string, number>): Promise<string | undefined> {
    for (let tries = 0; tries < 5; tries++) {
      const best = mostFrequent(counts);
      if (best === undefined) return undefined;
      const db = this.ctx.store.db;
      // the address as written, or another spelling of its mailbox (samlee@ for sam.lee@gmail.com)
      const holder =
        (await findPersonIdByEmail(db, this.ctx.workspaceId, best)) ??
        (await findPersonIdByMailbox(db, this.ctx.workspaceId, best));
      if (holder === undefined || !(await userKnowsThem(this.ctx.store.db, this.ctx.workspaceId, holder))) return best;
      this.report.meNotGuessed = [...(this.report.meNotGuessed ?? []), best];
      counts.delete(best);
    }
    return undefined;
  }

  /**
   * Addresses a file showed are the user's (Gmail's Sent label on mail from a send-as alias):
   * added to this import's, said in the report and remembered, in the file's transaction `db`.
   */
  async learn(addresses: readonly string[], db: Db): Promise<void> {
    const fresh = addresses.filter((a) => !this.addresses.has(a));
    if (fresh.length === 0) return;
    this.addresses = new Set([...this.addresses, ...fresh]);
    const me = this.report.me ?? { addresses: [], guessed: false };
    this.report.me = { ...me, addresses: [...me.addresses, ...fresh], learned: [...(me.learned ?? []), ...fresh] };
    delete this.report.meUnknown;
    if (!this.dryRun) await remember(this.ctx, fresh, 'learned', db);
  }
}

/**
 * The address seen most often; none when another is seen as often (one saved message names its
 * sender and its readers once each: nothing tells which of them kept it).
 */
export function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let max = 0;
  let tied = false;
  for (const [address, n] of counts)
    if (n > max) {
      best = address;
      max = n;
      tied = false;
    } else if (n === max) tied = true;
  return tied ? undefined : best;
}
