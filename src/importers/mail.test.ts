import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutSharedData } from '../../test/shared-data.js';
import {
  countAddresses,
  externalIdOf,
  isAnswerSubject,
  isAutomatedAddress,
  isListHostAddress,
  type MailContext,
  mailContext,
  mailItem,
  messageToInteraction,
  normalizeSubject,
  sameSubjectThread,
} from './mail.js';
import { type Mailbox, type MailMessage, parseHeaders } from './mail-headers.js';
import { headerBlock } from './mail-split.js';
import type { InteractionRecord } from './records.js';

const ME = new Set(['me@x.org', 'me.too@x.org']);
const AT = Date.parse('2024-03-01T10:00:00Z');
const box = (address: string, name?: string): Mailbox => (name === undefined ? { address } : { address, name });

function message(fields: Partial<MailMessage> = {}): MailMessage {
  return {
    where: { line: 12, record: 'message 3' },
    messageId: 'm1@x.org',
    references: [],
    date: AT,
    subject: 'Lunch?',
    from: [box('ann@x.org', 'Ann')],
    replyTo: [],
    to: [box('me@x.org')],
    cc: [],
    bcc: [],
    list: false,
    autoSubmitted: false,
    ...fields,
  };
}

function record(m: MailMessage, context?: MailContext): InteractionRecord {
  const r = messageToInteraction(m, ME, 'mbox', context);
  if ('skip' in r) throw new Error(`skipped: ${r.skip}`);
  return r;
}

const skipOf = (m: MailMessage, source: 'mbox' | 'eml' = 'mbox') => {
  const r = messageToInteraction(m, ME, source);
  return 'skip' in r ? r : undefined;
};

/** Ann's message to the user with these Gmail labels (X-Gmail-Labels), parsed. */
const labelled = (labels: string) =>
  parseHeaders(
    Buffer.from(
      `From: Ann <ann@x.org>\r\nTo: me@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\nX-Gmail-Labels: ${labels}\r\n`,
    ),
    { line: 1, record: 'message 1' },
  ) as MailMessage;

describe('messageToInteraction', () => {
  it('makes a message to the user an inbound email from its sender', () => {
    expect(record(message())).toEqual({
      kind: 'interaction',
      where: { line: 12, record: 'message 3' },
      externalId: 'm1@x.org',
      at: AT,
      channel: 'email',
      direction: 'in',
      depth: 'substantive',
      note: 'Lunch?',
      counterparts: [{ email: 'ann@x.org', name: 'Ann' }],
      from: { email: 'ann@x.org', name: 'Ann' },
    });
  });

  it('counts the other recipients of an inbound message as counterparts, without the user', () => {
    const r = record(message({ to: [box('me@x.org'), box('bob@x.org')], cc: [box('me.too@x.org'), box('cy@x.org')] }));
    expect(r.direction).toBe('in');
    expect(r.counterparts.map((c) => c.email)).toEqual(['ann@x.org', 'bob@x.org', 'cy@x.org']);
    expect(r.from).toEqual({ email: 'ann@x.org', name: 'Ann' });
  });

  it('finds the user among Bcc recipients too', () => {
    expect(record(message({ to: [box('bob@x.org')], bcc: [box('me@x.org')] })).direction).toBe('in');
  });

  it('makes a message from the user outbound to every recipient, once each', () => {
    const r = record(
      message({
        from: [box('me@x.org')],
        to: [box('ann@x.org')],
        cc: [box('bob@x.org'), box('me.too@x.org')],
        bcc: [box('bob@x.org', 'Bob'), box('ann@x.org')],
      }),
    );
    expect(r.direction).toBe('out');
    expect(r.counterparts).toEqual([{ email: 'ann@x.org' }, { email: 'bob@x.org', name: 'Bob' }]);
    expect(r.from).toBeUndefined();
    // a Bcc that repeats To and Cc (Lotus Notes writes Cc there too) names nobody other copies do not
    expect(r.blindCopies).toBeUndefined();
    // one naming someone else is said, so a copy stored first takes them in
    const blind = message({ from: [box('me@x.org')], to: [box('ann@x.org')], bcc: [box('cy@x.org')] });
    expect(record(blind).blindCopies).toBe(true);
    expect(record(message({ from: [box('me@x.org')], to: [box('ann@x.org')] })).blindCopies).toBeUndefined();
  });

  it('makes a message the user sent on someone’s behalf (Sender: the user) outbound to its recipients', () => {
    const r = record(message({ from: [box('boss@x.org', 'Boss')], sender: box('me@x.org'), to: [box('ann@x.org')] }));
    expect(r.direction).toBe('out');
    expect(r.counterparts).toEqual([{ email: 'ann@x.org' }]);
    // a list's Sender is not the user: a message through a list stays theirs
    const list = message({
      from: [box('bob@x.org')],
      sender: box('list-bounces@lists.x.org'),
      to: [box('team@x.org')],
    });
    expect(skipOf(list)?.skip).toBe('not_involved');
  });

  it('reads a message sent on to the user as it was (Resent-To) as the resender’s to them', () => {
    const resent = message({
      from: [box('author@x.org', 'Author')],
      to: [box('team@x.org')],
      resent: { from: [box('bob@x.org', 'Bob')], to: [box('me@x.org')], cc: [box('cy@x.org')] },
    });
    const r = record(resent);
    expect(r.direction).toBe('in');
    expect(r.counterparts).toEqual([{ email: 'bob@x.org', name: 'Bob' }, { email: 'cy@x.org' }]);
    expect(r.from).toEqual({ email: 'bob@x.org', name: 'Bob' });
    // dated when it was sent on, when the resending says
    expect(record(resent).at).toBe(resent.date);
    const later = Date.UTC(2030, 0, 1);
    const sentOn = { from: [box('bob@x.org', 'Bob')], to: [box('me@x.org')], cc: [], date: later };
    expect(record({ ...resent, resent: sentOn }).at).toBe(later);
    // resent to someone else, it stays a message the user was not in
    expect(skipOf({ ...resent, resent: { from: [], to: [box('dan@x.org')], cc: [] } })?.skip).toBe('not_involved');
  });

  it('reads a message the user sent on as it was (Resent-From: the user) as the user’s own to its new recipients', () => {
    const later = Date.UTC(2024, 2, 2, 9);
    const original = message({ inReplyTo: 'q@x.org', references: ['q@x.org'] });
    const redirected = {
      ...original,
      resent: { from: [box('me@x.org')], to: [box('bob@x.org', 'Bob')], cc: [], date: later, messageId: 'rs1@x.org' },
    };
    const r = record(redirected);
    expect(r).toMatchObject({ direction: 'out', at: later, externalId: 'rs1@x.org' });
    expect(r.counterparts).toEqual([{ email: 'bob@x.org', name: 'Bob' }]);
    // a sending of its own: it answers nothing of the original's thread
    expect([r.replyTo, r.replyAncestors ?? []]).toEqual([undefined, []]);
    expect(record(original).replyTo).toBe('q@x.org');
    // without a Resent-Message-ID: not the original's id, which Ann's message keeps
    const { messageId: _, ...noId } = redirected.resent;
    const hashed = record({ ...redirected, resent: noId });
    expect(hashed.externalId).not.toBe(record(original).externalId);
    expect(hashed.externalId).toBe(record({ ...redirected, resent: noId }).externalId);
    // sent on to the user's own other address: Ann's message to the user, as it was
    const toSelf = { ...original, resent: { from: [box('me@x.org')], to: [box('me.too@x.org')], cc: [] } };
    expect(record(toSelf)).toMatchObject({ direction: 'in', externalId: 'm1@x.org' });
  });

  it('skips a message to undisclosed recipients with its own reason: the user was one of an unknown audience', () => {
    expect(skipOf(message({ to: [], cc: [], bcc: [] }))).toEqual({
      skip: 'hidden_recipients',
      message: 'message 3 names no recipient (all blind copies, "undisclosed recipients"); skipped',
    });
    // the user's own message to blind copies only has its recipients in Bcc, if anywhere
    expect(skipOf(message({ from: [box('me@x.org')], to: [], cc: [], bcc: [] }))?.skip).toBe('no_counterparts');
  });

  it('skips a list’s copy the user is not named in as list mail, not as mail they were not in', () => {
    const copy = message({ to: [box('dev@lists.example.org')], list: true, listId: 'dev.lists.example.org' });
    expect(skipOf(copy)).toEqual({
      skip: 'mailing_list',
      message: 'message 3 came through the mailing list dev.lists.example.org; skipped',
    });
    // without list headers, to a list host's address
    expect(skipOf(message({ to: [box('team@googlegroups.com')] }))?.skip).toBe('mailing_list');
  });

  it('skips a message the user is neither from nor to, as a list copy to an alias', () => {
    expect(skipOf(message({ to: [box('all@x.org')] }))).toEqual({
      skip: 'not_involved',
      message: 'message 3 is neither from nor to any of your addresses; skipped',
    });
  });

  it('skips automated senders and automatic mail', () => {
    expect(skipOf(message({ from: [box('no-reply@shop.com')] }))).toEqual({
      skip: 'automated',
      message: 'message 3 comes from an automated sender (no-reply@shop.com); skipped',
    });
    expect(skipOf(message({ autoSubmitted: true }))?.skip).toBe('automated');
    // the user's own vacation reply is automatic too
    expect(skipOf(message({ from: [box('me@x.org')], to: [box('ann@x.org')], autoSubmitted: true }))?.skip).toBe(
      'automated',
    );
  });

  it('skips auto-replies and bounces known only by their subject, in the languages servers write them', () => {
    const automatic = [
      'Out of Office AutoReply: Q3 numbers',
      'Out of Office: back on Monday',
      'Automatic reply: Lunch?',
      'Auto-Reply: your message',
      'Abwesenheitsnotiz: Angebot',
      'Réponse automatique : Devis',
      'Respuesta automática: Hola',
      'Undeliverable: Contract draft',
      'Undelivered Mail Returned to Sender',
      'Delivery Status Notification (Failure)',
    ];
    for (const subject of automatic) expect(skipOf(message({ subject }))?.skip, subject).toBe('automated');
    const human = [
      'Re: Out of office next week?',
      'Office move',
      'Automatic replies are annoying',
      'Re: Undeliverable',
    ];
    for (const subject of human) expect(skipOf(message({ subject })), subject).toBeUndefined();
  });

  it('keeps list mail with all its recipients, but skips mail only to the list itself', () => {
    const many = Array.from({ length: 12 }, (_, i) => box(`p${i}@x.org`));
    const toAll = record(message({ list: true, to: [box('me@x.org'), ...many] }));
    expect(toAll.counterparts).toHaveLength(13);
    const post = message({ from: [box('me@x.org')], to: [box('users@lists.x.org')], list: true });
    expect(skipOf({ ...post, listPost: 'users@lists.x.org' })).toEqual({
      skip: 'mailing_list',
      message: 'message 3 went only to the mailing list users@lists.x.org; skipped',
    });
    expect(skipOf({ ...post, listId: 'users.lists.x.org' })?.skip).toBe('mailing_list');
    // an announcement from the list address to the user
    const announcement = message({ from: [box('news@lists.x.org')], to: [box('me@x.org')], list: true });
    expect(skipOf({ ...announcement, listId: 'news.lists.x.org' })?.skip).toBe('mailing_list');
    // at a list host, known without list headers
    expect(skipOf(post)?.skip).toBe('mailing_list');
    // the list address unknown: kept, as the scoring weighs it by audience
    expect(record({ ...post, to: [box('users@x.org')] }).counterparts).toEqual([{ email: 'users@x.org' }]);
  });

  it('skips a newsletter or campaign sent to the user alone with list headers', () => {
    const newsletter = message({ from: [box('hello@news.example')], to: [box('me@x.org')], list: true });
    expect(skipOf(newsletter)).toEqual({
      skip: 'newsletter',
      message: 'message 3 is a newsletter or campaign (list headers, sent to you on your own); skipped',
    });
    // the same headers on mail the user sends, or that names others too, is no newsletter
    expect(record({ ...newsletter, from: [box('me@x.org')], to: [box('ann@x.org')] }).direction).toBe('out');
    expect(record({ ...newsletter, cc: [box('ann@x.org')] }).counterparts).toHaveLength(2);
  });

  it('knows a list seen earlier in the file in a reply-all sent without list headers', () => {
    const context = mailContext();
    const fromList = message({
      from: [box('bob@x.com', 'Bob')],
      to: [box('dev@x.org')],
      cc: [box('me@x.org')],
      list: true,
      listPost: 'dev@x.org',
    });
    expect(record(fromList, context).counterparts).toEqual([{ email: 'bob@x.com', name: 'Bob' }]);
    const replyAll = message({ from: [box('me@x.org')], to: [box('dev@x.org')], cc: [box('bob@x.com', 'Bob')] });
    expect(record(replyAll, context).counterparts).toEqual([{ email: 'bob@x.com', name: 'Bob' }]);
    expect(record(replyAll, context).audience).toBe(11);
    expect(record(replyAll).counterparts).toHaveLength(2); // a file that never showed the list
    expect(record(replyAll).audience).toBeUndefined();
    // by List-Id alone
    const byId = mailContext();
    const { listPost: _, ...withoutPost } = fromList;
    record({ ...withoutPost, listId: 'dev.x.org' }, byId);
    expect(record(replyAll, byId).counterparts).toHaveLength(1);
  });

  it('never takes a robot among the recipients, nor a Google Group, for a person', () => {
    const r = record(
      message({
        cc: [
          box('notifications@github.com'),
          box('mailer-daemon@x.com'),
          box('team@googlegroups.com'),
          box('cy@x.com'),
        ],
      }),
    );
    expect(r.counterparts.map((c) => c.email)).toEqual(['ann@x.org', 'cy@x.com']);
    expect(skipOf(message({ from: [box('me@x.org')], to: [box('no-reply@acme.example', 'Acme Support')] }))).toEqual({
      skip: 'automated',
      message: 'message 3 went only to an automated address (no-reply@acme.example); skipped',
    });
  });

  it('skips read receipts, delivery reports and messages Outlook saved unsent', () => {
    const parsed = (field: string) =>
      parseHeaders(
        Buffer.from(`From: Ann <ann@x.org>\r\nTo: me@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\n${field}\r\n`),
        {
          line: 1,
          record: 'message 1',
        },
      ) as MailMessage;
    expect(
      skipOf(parsed('Content-Type: multipart/report; report-type=disposition-notification; boundary="b"'))?.skip,
    ).toBe('automated');
    expect(skipOf(parsed('Content-Type: multipart/report;\r\n report-type=delivery-status'))?.skip).toBe('automated');
    expect(skipOf(parsed('X-Unsent: 1'))?.skip).toBe('draft');
    expect(skipOf(parsed('Content-Type: multipart/mixed; boundary="b"'))).toBeUndefined();
  });

  it('reports mail dated in the future or at the clock’s zero, with its place', () => {
    const context = mailContext(AT);
    const at = (date: number) => mailItem(message({ date }), ME, 'mbox', context);
    expect(at(AT + 86_400_000)).toHaveProperty('kind', 'interaction'); // a day ahead: time zones
    expect(at(Date.parse('2101-01-01T00:00:00Z'))).toEqual({
      line: 12,
      record: 'message 3',
      code: 'bad_date',
      message: 'message 3 is dated 2101-01-01, in the future; skipped',
    });
    expect(at(0)).toMatchObject({
      code: 'bad_date',
      message: 'message 3 is dated 1970-01-01, before there was email; skipped',
    });
  });

  it('leaves the list’s own address out of a list message to the user and others', () => {
    const r = record(
      message({
        from: [box('otto@x.com', 'Otto')],
        to: [box('team@lists.x.com', 'Team')],
        cc: [box('me@x.org')],
        list: true,
        listPost: 'team@lists.x.com',
      }),
    );
    expect(r.counterparts).toEqual([{ email: 'otto@x.com', name: 'Otto' }]);
    expect(r.direction).toBe('in');
    // it reached the list's members: bulk, however few it names
    expect(r.audience).toBe(11);
  });

  it('skips what Gmail labels spam, draft or trash', () => {
    expect(skipOf(labelled('Spam,Category Promotions'))?.skip).toBe('spam');
    expect(skipOf(labelled('Drafts'))?.skip).toBe('draft');
    expect(skipOf(labelled('Trash,Opened'))?.skip).toBe('deleted');
    expect(skipOf(labelled('Inbox,Opened,Important'))).toBeUndefined();
  });

  it('skips mail a service sends in someone’s name, and shops’ robots, as automated', () => {
    const headers = (from: string, extra = '') =>
      parseHeaders(Buffer.from(`From: ${from}\r\nTo: me@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\n${extra}`), {
        line: 1,
        record: 'message 1',
      }) as MailMessage;
    expect(skipOf(headers('"Gina Park via DocuSign" <dse_NA3@docusign.net>'))?.skip).toBe('automated');
    expect(skipOf(headers('"Ann Lee (via Google Docs)" <drive-shares@google.com>'))?.skip).toBe('automated');
    expect(skipOf(headers('"Amazon.com" <shipment-tracking@amazon.com>'))?.skip).toBe('automated');
    expect(skipOf(headers('Shop <order-confirmation@shop.example>'))?.skip).toBe('automated');
    // a surname, a person's own address, a desk's, and a group's mail (list mail, weighed as such)
    expect(skipOf(headers('Ana Via Lopez <ana@x.org>'))).toBeUndefined();
    expect(skipOf(headers('"Tom via Mobile" <tom@smallco.com>'))).toBeUndefined();
    expect(skipOf(headers('Tom Reyes <shipping@smallco.com>'))).toBeUndefined();
    expect(skipOf(headers('Desk <alerts@smallco.com>'))).toBeUndefined();
    expect(skipOf(headers('"Ion Popescu via LinkedIn" <invitations@linkedin.com>'))?.skip).toBe('automated');
    expect(
      skipOf(headers('"Ann via Team" <team@googlegroups.com>', 'List-Id: <team.googlegroups.com>\r\n'))?.skip,
    ).not.toBe('automated');
  });

  it('reads Gmail’s labels in the account’s language, encoded, and quoted with a comma inside', () => {
    expect(skipOf(labelled('=?UTF-8?Q?Spam,Caf=C3=A9?='))?.skip).toBe('spam');
    expect(skipOf(labelled('Papierkorb,Ge=?UTF-8?Q?=C3=B6?=ffnet'))?.skip).toBe('deleted');
    expect(skipOf(labelled('Brouillons'))?.skip).toBe('draft');
    expect(skipOf(labelled('=?UTF-8?B?0JrQvtGA0LfQuNC90LA=?='))?.skip).toBe('deleted'); // Корзина
    expect(labelled('=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9s?=').gmailSent).toBe(true);
    // a label of the user's holding a comma and a word Gmail uses is one label
    expect(skipOf(labelled('Inbox,"Clients, Spam reports"'))).toBeUndefined();
    expect(skipOf(labelled('"Clients, Spam reports",Spam'))?.skip).toBe('spam');
    // labels of the user's beside the Inbox, whatever their names: Gmail's spam, bin and drafts are never there
    for (const labels of [
      'Inbox,Important,Bulk',
      'Inbox,Junk',
      'Inbox,Deleted',
      'Inbox,Bin',
      'Inbox,Draft',
      'Posteingang,Papierkorb',
      'Opened,Draft,Category Personal',
    ])
      expect(skipOf(labelled(labels)), labels).toBeUndefined();
  });

  it('skips mail Gmail sorted into a tab other than Primary, unless the user sent it', () => {
    const message = (from: string, labels: string) =>
      parseHeaders(
        Buffer.from(
          `From: ${from}\r\nTo: me@x.org, ann@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\nX-Gmail-Labels: ${labels}\r\n`,
        ),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    expect(skipOf(message('Shop <deals@shop.example>', 'Inbox,Category Promotions'))).toEqual({
      skip: 'newsletter',
      message: "message 1 is an offer or newsletter (Gmail's promotions tab); skipped",
      tab: true,
    });
    expect(skipOf(message('Bank <team@bank.example>', 'Category Updates'))?.skip).toBe('automated');
    expect(skipOf(message('Net <n@social.example>', 'Category Social'))?.skip).toBe('automated');
    expect(skipOf(message('Forum <f@forum.example>', 'Category Forums'))?.skip).toBe('mailing_list');
    expect(skipOf(message('me@x.org', 'Sent,Category Updates'))).toBeUndefined();
  });

  it('keeps mail in a Gmail tab from someone the user wrote to earlier in the file', () => {
    const message = (from: string, to: string, labels: string) =>
      parseHeaders(
        Buffer.from(
          `From: ${from}\r\nTo: ${to}\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\nX-Gmail-Labels: ${labels}\r\n`,
        ),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    const context = mailContext();
    const kind = (m: MailMessage) => {
      const r = messageToInteraction(m, ME, 'mbox', context);
      return 'skip' in r ? r.skip : r.direction;
    };
    expect(kind(message('Ann <ann@y.org>', 'me@x.org', 'Inbox,Category Updates'))).toBe('automated');
    expect(kind(message('me@x.org', 'Ann <Ann@Y.org>', 'Sent'))).toBe('out');
    expect(kind(message('Ann <ann@y.org>', 'me@x.org', 'Inbox,Category Updates'))).toBe('in');
    expect(kind(message('Shop <deals@shop.example>', 'me@x.org', 'Category Promotions'))).toBe('newsletter');
  });

  it('takes a blind copy delivered to the user (Delivered-To, X-Original-To), not mail to a team alias of their domain', () => {
    const delivered = (to: string, header: string) =>
      parseHeaders(
        Buffer.from(`From: Ann <ann@y.org>\r\nTo: ${to}\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\n${header}\r\n`),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    const bcc = messageToInteraction(delivered('bob@z.org', 'Delivered-To: me@x.org'), ME, 'mbox');
    expect('skip' in bcc ? bcc.skip : bcc.counterparts.map((c) => c.email)).toEqual(['ann@y.org', 'bob@z.org']);
    const original = messageToInteraction(delivered('bob@z.org', 'X-Original-To: me@x.org'), ME, 'mbox');
    expect('skip' in original).toBe(false);
    expect(skipOf(delivered('team@x.org', 'Delivered-To: me@x.org'))?.skip).toBe('not_involved');
    expect(skipOf(delivered('bob@z.org', 'Delivered-To: other@x.org'))?.skip).toBe('not_involved');
  });

  it('skips a message Thunderbird marked deleted (X-Mozilla-Status 0x0008, or IMAPDeleted in X-Mozilla-Status2), kept in the file until compacted', () => {
    const status = (value: string, second = '00000000') =>
      parseHeaders(
        Buffer.from(
          `From: ann@x.org\r\nTo: me@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\nX-Mozilla-Status: ${value}\r\nX-Mozilla-Status2: ${second}\r\n`,
        ),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    expect(skipOf(status('0009'))?.skip).toBe('deleted');
    expect(skipOf(status('0001', '00200000'))?.skip).toBe('deleted');
    expect(skipOf(status('0001'))).toBeUndefined();
    // other flags of the second field (a new message, a label) are no deletion
    expect(skipOf(status('0001', '00010000'))).toBeUndefined();
  });

  it('skips a meeting invitation or answer a calendar sent: Outlook’s calendar message, a text/calendar message', () => {
    const sent = (header: string) =>
      parseHeaders(
        Buffer.from(
          `From: boss@corp.example\r\nTo: me@x.org\r\nSubject: Accepted: Project review\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\n${header}\r\n`,
        ),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    expect(skipOf(sent('Content-Class: urn:content-classes:calendarmessage'))?.skip).toBe('calendar');
    expect(skipOf(sent('Content-Type: text/calendar; charset=utf-8; method=REPLY'))?.skip).toBe('calendar');
    expect(skipOf(sent('Content-Type: multipart/alternative; boundary="b"'))).toBeUndefined();
    // Google Calendar sends in the organizer's name from its own address
    expect(skipOf(sent('Sender: Google Calendar <calendar-notification@google.com>'))?.skip).toBe('calendar');
  });

  it('skips a draft by Thunderbird’s or Apple Mail’s mark, whatever its folder is called', () => {
    const draft = (header: string) =>
      parseHeaders(
        Buffer.from(`From: me@x.org\r\nTo: bob@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\n${header}\r\n`),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    expect(skipOf(draft('X-Mozilla-Draft-Info: internal/draft; vcard=0'))?.skip).toBe('draft');
    expect(skipOf(draft('X-Uniform-Type-Identifier: com.apple.mail-draft'))?.skip).toBe('draft');
    expect(skipOf(draft('X-Mailer: Thunderbird'))).toBeUndefined();
  });

  it('names nobody by a display name that does not decode', () => {
    const from = (value: string) =>
      (
        parseHeaders(Buffer.from(`From: ${value}\r\nTo: me@x.org\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\n`), {
          line: 1,
          record: 'message 1',
        }) as MailMessage
      ).from;
    expect(from('=?UTF-8?B?/w==?= <bad@enc.example>')).toEqual([{ address: 'bad@enc.example' }]);
    expect(from('=?UTF-8?B?QW5u?= <ann@enc.example>')).toEqual([{ address: 'ann@enc.example', name: 'Ann' }]);
  });

  it('takes what Gmail labels Sent as the user’s, from any of their addresses, and a Chat as a message', () => {
    const parsed = (from: string, labels: string) =>
      parseHeaders(
        Buffer.from(
          `From: ${from}\r\nTo: Bob <bob@x.org>\r\nDate: Fri, 1 Mar 2024 10:00:00 +0000\r\nX-Gmail-Labels: ${labels}\r\n`,
        ),
        { line: 1, record: 'message 1' },
      ) as MailMessage;
    // sent from a send-as alias the user did not name: the alias is theirs from then on
    const context = mailContext();
    const alias = record(parsed('Me At Work <me@work.example>', 'Sent,Opened'), context);
    expect([alias.direction, alias.counterparts]).toEqual(['out', [{ email: 'bob@x.org', name: 'Bob' }]]);
    expect([...context.aliases]).toEqual(['me@work.example']);
    expect(record(parsed('Me At Work <me@work.example>', 'Inbox'), context).direction).toBe('out');
    expect(skipOf(parsed('Me At Work <me@work.example>', 'Inbox'))?.skip).toBe('not_involved');
    const chat = record(parsed('me@x.org', 'Chat'));
    expect([chat.channel, chat.direction]).toEqual(['message', 'out']);
  });

  it('takes an address of the user’s with a +tag as the user’s', () => {
    const r = record(message({ to: [box('me+work@x.org'), box('bob@x.org')] }));
    expect(r.direction).toBe('in');
    expect(r.counterparts.map((c) => c.email)).toEqual(['ann@x.org', 'bob@x.org']);
    const sent = record(message({ from: [box('me+news@x.org')], to: [box('ann@x.org')] }));
    expect(sent.direction).toBe('out');
    // someone else's tag is theirs
    expect(skipOf(message({ to: [box('you+me@x.org')] }))?.skip).toBe('not_involved');
  });

  it('skips a message with nobody but the user, and one without a date or sender', () => {
    expect(skipOf(message({ from: [box('me@x.org')], to: [box('me.too@x.org')] }))?.skip).toBe('no_counterparts');
    const { date: _, ...undated } = message();
    expect(skipOf(undated)).toEqual({ skip: 'bad_date', message: 'message 3 has no readable Date header; skipped' });
    expect(skipOf(message({ from: [] }))?.skip).toBe('no_sender');
  });

  it('names the message by its line when there is no record number, and plainly for an .eml', () => {
    const m = message({ where: { line: 77 }, to: [box('z@x.org')] });
    expect(skipOf(m)?.message).toBe('the message at line 77 is neither from nor to any of your addresses; skipped');
    expect(skipOf({ ...m, where: { line: null } }, 'eml')?.message).toBe(
      'the message is neither from nor to any of your addresses; skipped',
    );
  });

  it('answers In-Reply-To, else the last References id', () => {
    expect(record(message({ inReplyTo: 'p@x.org', references: ['a@x.org', 'b@x.org'] })).replyTo).toBe('p@x.org');
    expect(record(message({ references: ['a@x.org', 'b@x.org'] })).replyTo).toBe('b@x.org');
    expect(record(message()).replyTo).toBeUndefined();
  });

  it('keeps the subject as the note, whitespace collapsed, at most 200 characters', () => {
    expect(record(message({ subject: '  Re:\tplans \r for  May ' })).note).toBe('Re: plans for May');
    expect(record(message({ subject: 'x'.repeat(300) })).note).toHaveLength(200);
    expect(record(message({ subject: `${'x'.repeat(199)}😀` })).note).toBe('x'.repeat(199));
    expect('note' in record(message({ subject: '   ' }))).toBe(false);
  });
});

describe('isAutomatedAddress', () => {
  it.each([
    'noreply@github.com',
    'no-reply@accounts.google.com',
    'no_reply@x.com',
    'donotreply@bank.com',
    'do-not-reply@bank.com',
    'account-noreply@x.com',
    'MAILER-DAEMON@mx.x.org',
    'postmaster@x.org',
    'bounce@x.org',
    'bounces+12345-abcd=x.org@sendgrid.net',
    'notifications@github.com',
    'notification+zrdo@facebookmail.com',
    'calendar-notification@google.com',
    'newsletter@shop.com',
    'users-request@lists.x.org',
    'owner-evmba_social@haas.berkeley.edu',
    'majordomo@x.org',
  ])('%s is automated', (address) => {
    expect(isAutomatedAddress(address)).toBe(true);
  });

  it.each(['ann@x.org', 'jeff.dasovich@enron.com', 'noreen.reply@x.org', 'bouncer.bob@x.org', 'info@smallshop.com'])(
    '%s is a person',
    (address) => {
      expect(isAutomatedAddress(address)).toBe(false);
    },
  );
});

describe('normalizeSubject', () => {
  it.each([
    ['Re: Lunch', 'lunch'],
    ['RE: re: Fwd: Lunch', 'lunch'],
    ['AW: WG: Mittagessen', 'mittagessen'],
    ['SV: VS: Antw: lunsj', 'lunsj'],
    ['Fw : FW:  Quarterly   numbers ', 'quarterly numbers'],
    ['Re[2]: Re^3: Lunch', 'lunch'],
    ['[team] Re: Lunch', '[team] re: lunch'],
    ['Review: Q3', 'review: q3'],
    ['Re:', ''],
    // an accent written as a letter and a combining mark, as some mail programs send it
    ['Re: Cafe\u0301 meeting', 'caf\u00e9 meeting'],
    // Outlook's prefixes in other languages: answers and forwards
    ['RES: ENC: Proposta 1', 'proposta 1'],
    ['R: I: Proposta', 'proposta'],
    ['Odp: PD: Oferta', 'oferta'],
    ['答复: 转发: 报价', '报价'],
    ['Ynt: İLT: Teklif', 'teklif'],
    ['ΑΠ: ΠΡΘ: Προσφορά', 'προσφορά'],
    ['TR: RV: Doorst: Offre', 'offre'],
    ['Rapport: Q3', 'rapport: q3'],
    // a mail gateway's warnings on mail from outside, before or after the prefix
    ['[EXTERNAL] Re: Budget 2025', 'budget 2025'],
    ['Re: [EXTERNAL] Budget 2025', 'budget 2025'],
    ['[EXT] RE: Budget 2025', 'budget 2025'],
    ['EXTERNAL: Re: Budget 2025', 'budget 2025'],
    ['*EXTERNAL* RE: Budget 2025', 'budget 2025'],
    ['[Caution: External Sender] Re: Budget', 'budget'],
    ['[External Email] Budget', 'budget'],
    ['External: audit results', 'external: audit results'],
    ['[extension] Re: Budget', '[extension] re: budget'],
  ])('%j → %j', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });
});

describe('isAnswerSubject and sameSubjectThread', () => {
  it.each([
    ['Re: Lunch', true],
    ['AW: Mittagessen', true],
    ['Re[2]: Lunch', true],
    ['SV: lunsj', true],
    ['RES: Proposta 1', true],
    ['R: Proposta', true],
    ['Odp: Oferta', true],
    ['回复：报价', true],
    ['Ynt: Teklif', true],
    ['ΑΠ: Προσφορά', true],
    ['[EXTERNAL] Re: Lunch', true],
    ['EXTERNAL: RE: Lunch', true],
    ['[EXT] Lunch', false],
    ['Fwd: Lunch', false],
    ['TR: Offre', false],
    ['Rapport: Q3', false],
    ['Review: Q3', false],
    ['Lunch', false],
  ])('%j is an answer: %j', (subject, expected) => {
    expect(isAnswerSubject(subject)).toBe(expected);
  });

  it('matches the same subject whatever its prefixes and case, not another one', () => {
    expect(sameSubjectThread('Budget 2025', 'RE: re: budget  2025')).toBe(true);
    expect(sameSubjectThread('Budget 2025', 'Re: Budget 2026')).toBe(false);
    // a bare "RE:" answers a message without a subject
    expect(sameSubjectThread('', 'RE:')).toBe(true);
    expect(sameSubjectThread('', 'Re: lunch')).toBe(false);
  });

  it('matches a subject cut at 200 characters by its beginning, and never a short one that way', () => {
    const long = `Quarterly planning for the whole team ${'and more '.repeat(30)}`.slice(0, 200);
    expect(sameSubjectThread(long, `Re: ${long}`.slice(0, 200))).toBe(true);
    expect(sameSubjectThread('Budget', 'Re: Budget and travel')).toBe(false);
  });
});

describe('externalIdOf and countAddresses', () => {
  it('uses the Message-ID, else a stable hash of sender, date, subject and recipients', () => {
    expect(externalIdOf(message())).toBe('m1@x.org');
    const { messageId: _, ...anonymous } = message();
    const id = externalIdOf(anonymous);
    expect(id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(externalIdOf({ ...anonymous, where: { line: 999 } })).toBe(id);
    expect(externalIdOf({ ...anonymous, subject: 'Dinner?' })).not.toBe(id);
    expect(externalIdOf({ ...anonymous, to: [box('bob@x.org')] })).not.toBe(id);
  });

  it('lists each address of From, To and Cc once', () => {
    const m = message({ to: [box('me@x.org'), box('ann@x.org')], cc: [box('bob@x.org')], bcc: [box('hidden@x.org')] });
    expect(countAddresses(m)).toEqual(['ann@x.org', 'me@x.org', 'bob@x.org']);
  });

  it('counts no list mail, robots or unsent mail: a busy list never outnumbers the user', () => {
    const toList = { to: [box('dev@lists.example.org')] };
    expect(countAddresses(message({ ...toList, list: true }))).toEqual([]);
    expect(countAddresses(message({ to: [box('dev@x.org')], list: true, listPost: 'dev@x.org' }))).toEqual([]);
    // a newsletter names its reader, never its sender
    expect(countAddresses(message({ from: [box('hello@news.example')], list: true }))).toEqual(['me@x.org']);
    expect(countAddresses(message({ autoSubmitted: true }))).toEqual([]);
    expect(countAddresses(message({ from: [box('noreply@shop.example')] }))).toEqual([]);
    expect(countAddresses(message({ gmailFolder: 'draft' }))).toEqual([]);
    expect(countAddresses(message({ unsent: true }))).toEqual([]);
    // a list's address without list headers (a Google Group answered by hand), and a robot in Cc
    expect(countAddresses(message({ ...toList, cc: [box('notifications@github.com')] }))).toEqual(['ann@x.org']);
  });
});

describe('isListHostAddress', () => {
  it('knows a list server’s host, not a mail provider whose name starts so (list.ru)', () => {
    for (const a of [
      'dev@lists.apache.org',
      'users@lists.postgres.example.org',
      'x@mailman.example.org',
      'g@googlegroups.com',
    ])
      expect(isListHostAddress(a), a).toBe(true);
    for (const a of ['ivan.petrov@list.ru', 'ann@lists.ru', 'bob@listserv.com', 'cy@x.org'])
      expect(isListHostAddress(a), a).toBe(false);
  });
});

describe.skipIf(skipWithoutSharedData('enron-raw-messages', 'mail.test'))('the Enron messages', () => {
  const dir = sharedPath('enron-raw-messages/messages');
  const files = readdirSync(dir).sort();
  const parsed = files.map((name, i) => {
    const m = parseHeaders(headerBlock(readFileSync(`${dir}/${name}`)), { line: 1, record: `message ${i + 1}` });
    if ('code' in m) throw new Error(m.message);
    return { mailbox: name.split('_')[0], m };
  });

  /** The user's address as the app guesses it: the one found in the most messages of the mailbox. */
  const guesses = new Map<string, { address: string; messages: number }>();
  function guessMe(mailbox: string): { address: string; messages: number } {
    const known = guesses.get(mailbox);
    if (known) return known;
    const counts = new Map<string, number>();
    for (const { m } of parsed.filter((p) => p.mailbox === mailbox))
      for (const a of countAddresses(m)) counts.set(a, (counts.get(a) ?? 0) + 1);
    const [address, messages] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    guesses.set(mailbox, { address, messages });
    return { address, messages };
  }

  function directions(mailbox: string, me: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { m } of parsed.filter((p) => p.mailbox === mailbox)) {
      const r = messageToInteraction(m, new Set([me]), 'eml');
      const key = 'skip' in r ? r.skip : r.direction;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  it('counts 252 subjects starting with Re: in any case, as the README says', () => {
    // grep -h -m1 '^Subject:' messages/* | grep -ic '^Subject: *re:' → 252
    const subjects = parsed.map(({ m }) => m.subject ?? '');
    expect(subjects.filter((s) => /^re:/i.test(s))).toHaveLength(252);
    for (const s of subjects.filter((s) => /^re:/i.test(s))) expect(normalizeSubject(s)).not.toMatch(/^re:/);
  });

  it("guesses Vince Kaminski's address and splits his 81 messages into 45 out, 15 in, 21 not naming him", () => {
    // for f in messages/kaminski-v_*; do awk 'BEGIN{IGNORECASE=1} /^\r?$/{exit} /^[^ \t]/{f=0}
    //   /^(From|To|Cc):/{f=1} f && /vince\.kaminski@enron\.com/{hit=1} END{print hit+0}' "$f"; done | grep -c 1 → 60
    expect(guessMe('kaminski-v')).toEqual({ address: 'vince.kaminski@enron.com', messages: 60 });
    // the same loop with /^(To|Cc|Bcc):/ for "in" and /^From: *vince\.kaminski@enron\.com/ for "out" → 45 out, 15 in, 21 none;
    // of those 21, two have no To, Cc or Bcc line at all (awk '/^(To|Cc|Bcc):/{t=1} END{print t+0}' → 0):
    // kaminski-v_ei_17.txt and kaminski-v_notes_inbox_166.txt ("X-To: (Recipient list suppressed)")
    expect(directions('kaminski-v', 'vince.kaminski@enron.com')).toEqual({
      out: 45,
      in: 15,
      not_involved: 19,
      hidden_recipients: 2,
    });
  });

  it("splits Kay Mann's 52 messages into 34 out and 18 in", () => {
    // the same awk loop over messages/mann-k_* with kay\.mann@enron\.com → 34 out, 18 in
    expect(guessMe('mann-k').address).toBe('kay.mann@enron.com');
    expect(directions('mann-k', 'kay.mann@enron.com')).toEqual({ out: 34, in: 18 });
  });

  it('never lists the user among counterparts, and gives every record an id, a date and a counterpart', () => {
    for (const { mailbox, m } of parsed) {
      const me = guessMe(mailbox ?? '').address;
      const r = messageToInteraction(m, new Set([me]), 'eml');
      if ('skip' in r) continue;
      expect(r.counterparts.length).toBeGreaterThan(0);
      expect(r.counterparts.some((c) => c.email === me)).toBe(false);
      expect(r.externalId).toBe(m.messageId);
      expect(r.at).toBe(m.date);
    }
  });
});
