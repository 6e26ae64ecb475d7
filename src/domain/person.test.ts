import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectedSince,
  isOwnAddress,
  isRoleAddress,
  knownAt,
  MailboxSet,
  mailboxKey,
  nameKey,
  sameMailboxHolder,
} from './person.js';

describe('isRoleAddress', () => {
  it('knows the shared mailboxes of a team or a desk, however written', () => {
    for (const address of [
      'info@acme.example',
      'Support@Acme.example',
      'sales+eu@acme.example',
      'customer.service@acme.example',
      'customer_care@acme.example',
      'hello@dataeng.example',
      'allstaff@fabrikam.example',
      'all-hands@fabrikam.example',
      'everyone@fabrikam.example',
    ])
      expect(isRoleAddress(address), address).toBe(true);
  });

  it('takes a person’s address, or one merely starting like a role, for a person’s', () => {
    for (const address of [
      'jane.doe@acme.example',
      'information.technology.department@acme.example',
      'infos@acme.example',
      'salesforce-admin-jane@acme.example',
      'helen@acme.example',
      'info',
      '@info',
    ])
      expect(isRoleAddress(address), address).toBe(false);
  });
});

describe('nameKey', () => {
  it('gives one key to the ways one name is typed', () => {
    const same = [
      ["Seán O'Brien", 'Seán O’Brien', 'Sean OBrien', 'SEAN O`BRIEN'],
      ['Li-Ann Ko', 'Li Ann Ko', 'li–ann ko'],
      ['Raj Patel', 'Raj Patel, MBA', 'Raj Patel MBA', 'Raj Patel, PhD, PMP', 'Raj Patel, M.D.'],
      ['José Núñez', 'Jose Nunez'],
      ['Zoë Łukasiewicz', 'Zoe Lukasiewicz', 'ZOË ŁUKASIEWICZ'],
      ['Ingrid Øvergård', 'Ingrid Overgard'],
      ['Johann Strauß', 'Johann Strauss', 'JOHANN STRAUSS'],
      ['Æsa Đorđević', 'Aesa Dordevic'],
      ['Þóra Sigurðardóttir', 'Thora Sigurdardottir'],
      ['Işıl Yılmaz', 'Isil Yilmaz', 'IŞIL YILMAZ'],
      ['John Smith Jr.', 'John Smith Jr'],
      ['Ada Quinn', 'Dr. Ada Quinn', 'Dr Ada Quinn', 'Prof. Dr. Ada Quinn', 'Mrs. Ada Quinn, PhD'],
    ];
    for (const names of same) for (const n of names) expect(nameKey(n), n).toBe(nameKey(names[0] as string));
  });

  it('gives a Chinese, Japanese or Korean name one key in either order, with a space or without', () => {
    const same = [
      ['李雷', '李 雷', '雷 李', '雷李'],
      ['佐藤美咲', '佐藤 美咲', '美咲 佐藤'],
      ['김민준', '김 민준', '민준 김'],
    ];
    for (const names of same) for (const n of names) expect(nameKey(n), n).toBe(nameKey(names[0] as string));
    expect(nameKey('李雷')).not.toBe(nameKey('李明'));
    // Hangul is compared by syllable, not by the letters a syllable is made of
    expect(nameKey('김민준')).toHaveLength(3);
    // a name also written in Latin letters keeps its order
    expect(nameKey('Li Lei 李雷')).toBe('li lei 李雷');
  });

  it('keeps what tells people apart: a generation, a short word that may be a name, an address', () => {
    expect(nameKey('John Smith Jr.')).not.toBe(nameKey('John Smith'));
    expect(nameKey('Jack Ma')).toBe('jack ma');
    expect(nameKey('Ed Do')).toBe('ed do');
    expect(nameKey('Raj MBA')).toBe('raj mba');
    expect(nameKey('ann@x.org')).toBe('ann@x.org');
    // a title with one word after it is all the name there is
    expect(nameKey('Dr. Quinn')).toBe('dr quinn');
    expect(nameKey('Mr. Michael Angstadt Jr.')).toBe('michael angstadt jr');
  });
});

describe('isOwnAddress', () => {
  it('knows the user’s mailbox with or without a +tag on either side', () => {
    expect(isOwnAddress(new Set(['me@mine.example']), 'me+news@mine.example')).toBe(true);
    expect(isOwnAddress(new Set(['me+rapport@mine.example']), 'me@mine.example')).toBe(true);
    expect(isOwnAddress(new Set(['me@mine.example']), 'me2@mine.example')).toBe(false);
  });

  it('knows a Gmail address whatever dots its name holds, at gmail.com or googlemail.com', () => {
    const me = new Set(['john.smith@gmail.com']);
    for (const a of ['johnsmith@gmail.com', 'john.smith@googlemail.com', 'j.o.h.n.smith+x@gmail.com'])
      expect(isOwnAddress(me, a), a).toBe(true);
    // dots count everywhere else
    expect(isOwnAddress(new Set(['john.smith@acme.example']), 'johnsmith@acme.example')).toBe(false);
    expect(isOwnAddress(me, 'john.smith@gmail.co')).toBe(false);
  });

  it('sees an address added to the set since it was last asked', () => {
    const me = new Set(['a@x.example']);
    expect(isOwnAddress(me, 'b+1@x.example')).toBe(false);
    me.add('b@x.example');
    expect(isOwnAddress(me, 'b+1@x.example')).toBe(true);
  });

  it('always knows an address by its own mailbox', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (raw) => {
        const a = raw.toLowerCase();
        return isOwnAddress(new Set([a]), a) && isOwnAddress(new Set([mailboxKey(a)]), a);
      }),
    );
  });
});

describe('MailboxSet', () => {
  it('answers for another spelling of a held mailbox, but not for another +tag of it', () => {
    const set = new MailboxSet(['rob.brown@gmail.com', 'ann+news@lee.example', 'team+alice@acme.example']);
    for (const a of ['robbrown@googlemail.com', 'rob.brown+x@gmail.com', 'ann@lee.example', 'ann+news@lee.example'])
      expect(set.has(a), a).toBe(true);
    expect(set.has('team@acme.example')).toBe(true);
    expect(set.has('team+carol@acme.example')).toBe(false);
    expect(set.has('ann+work@lee.example')).toBe(false);
    expect(set.has('robbrown@acme.example')).toBe(false);
  });

  it('grows only when it comes to answer for more', () => {
    const set = new MailboxSet(['rob.brown@gmail.com']);
    set.add('robbrown@googlemail.com');
    expect(set.size).toBe(1);
    set.add('rob+x@gmail.com');
    expect(set.size).toBe(2);
  });

  it('holds an address exactly when one held address is a spelling of its mailbox that may be taken for it', () => {
    const local = fc.constantFrom('ann', 'a.nn', 'ann+x', 'ann+y', 'a.nn+x', 'bob');
    const domain = fc.constantFrom('gmail.com', 'googlemail.com', 'lee.example');
    const address = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);
    fc.assert(
      fc.property(fc.array(address, { maxLength: 5 }), address, (held, asked) => {
        const model = held.some((h) => mailboxKey(h) === mailboxKey(asked) && sameMailboxHolder(asked, h));
        return new MailboxSet(held).has(asked) === model;
      }),
    );
  });
});

describe('knownAt', () => {
  const met = (text: string | null) => ({ met: text });
  const day = Date.UTC(2026, 5, 1);

  it('reads the connection date how they met holds, beside what the user wrote', () => {
    expect(connectedSince(met('at a conference; connected on LinkedIn on 2026-06-01'))).toBe(day);
    expect(connectedSince(met('at a conference'))).toBeUndefined();
    expect(connectedSince(met(null))).toBeUndefined();
  });

  it('counts a person from when they were added or connected, whichever came first, or their first event', () => {
    const later = day + 100 * 86_400_000;
    const linked = { met: 'connected on LinkedIn on 2026-06-01', createdAt: later };
    expect(knownAt(linked, false, day - 1)).toBe(false);
    expect(knownAt(linked, false, day)).toBe(true);
    expect(knownAt(linked, true, day - 1)).toBe(true);
    const added = { met: null, createdAt: day };
    expect(knownAt(added, false, day - 1)).toBe(false);
    expect(knownAt(added, false, day)).toBe(true);
    expect(knownAt(added, true, 0)).toBe(true);
    // added before the connection LinkedIn dates
    expect(knownAt({ ...linked, createdAt: day - 5 }, false, day - 5)).toBe(true);
  });
});
