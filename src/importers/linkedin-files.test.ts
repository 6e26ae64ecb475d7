import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { linkedinFileKind, MAX_CSV_BYTES, unzipEntries } from './linkedin-files.js';
import { NotThisFormat } from './records.js';

describe('linkedinFileKind', () => {
  it('knows the export files by name, in any folder and any case', () => {
    expect(linkedinFileKind('Connections.csv')).toBe('connections');
    expect(linkedinFileKind('Basic_LinkedInDataExport_03-18-2024/MESSAGES.CSV')).toBe('messages');
    expect(linkedinFileKind('export\\Invitations.csv')).toBe('invitations');
    expect(linkedinFileKind('Recommendations_Received.csv')).toBe('recommendations_received');
    expect(linkedinFileKind('Endorsement_Given_Info.csv')).toBe('endorsements_given');
    expect(linkedinFileKind('Profile.csv')).toBeUndefined();
    expect(linkedinFileKind('__MACOSX/x/._Connections.csv')).toBeUndefined();
    expect(linkedinFileKind('MyConnections.csv')).toBeUndefined();
    // a second download
    expect(linkedinFileKind('Connections (1).csv')).toBe('connections');
    expect(linkedinFileKind('messages(2).csv')).toBe('messages');
  });
});

describe('unzipEntries', () => {
  /** A zip of the files whose central directory says the first one inflates to `size` bytes (nothing that large is made). */
  function zipClaiming(files: Record<string, string>, size: number): Uint8Array {
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])));
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // the first central directory header (PK\1\2): its uncompressed size at offset 24
    for (let i = 0; i + 4 <= zip.length; i++)
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, size, true);
        break;
      }
    return zip;
  }

  it('reads the CSV entries of an export and leaves the others', () => {
    const zip = zipSync({ 'Connections.csv': strToU8('First Name\n'), 'Profile.jpg': new Uint8Array([1, 2]) });
    expect(unzipEntries(zip).map((e) => e.name)).toEqual(['Connections.csv']);
  });

  it('neither reads nor checks the export files it does not import: one damaged or too large refuses nothing', () => {
    const zip = zipSync(
      { 'Connections.csv': strToU8('First Name\nAnn\n'), 'Profile.csv': strToU8('Zed,Profile\n') },
      { level: 0 },
    );
    // "Zed" -> "Yed" in Profile.csv's stored bytes (looked for: a "Z" may stand in a header's time): its checksum fails
    zip[Buffer.from(zip).indexOf('Zed,Profile')] = 0x59;
    expect(unzipEntries(zip).map((e) => e.name)).toEqual(['Connections.csv']);
    const large = zipClaiming({ 'Learning.csv': 'x\n', 'Connections.csv': 'First Name\n' }, MAX_CSV_BYTES + 1);
    expect(unzipEntries(large).map((e) => e.name)).toEqual(['Connections.csv']);
  });

  it('says a zip is password-protected, or compressed in a way it cannot read, in words', () => {
    const zip = zipSync({ 'Connections.csv': strToU8('First Name\nAnn\n') });
    const flagged = (edit: (view: DataView, at: number) => void) => {
      const copy = zip.slice();
      const view = new DataView(copy.buffer);
      for (let i = 0; i + 4 <= copy.length; i++) {
        const sig = view.getUint32(i, true);
        if (sig === 0x04034b50) edit(view, i + 6);
        if (sig === 0x02014b50) edit(view, i + 8);
      }
      return copy;
    };
    const encrypted = flagged((v, at) => v.setUint16(at, v.getUint16(at, true) | 1, true));
    expect(() => unzipEntries(encrypted)).toThrow(
      new NotThisFormat(
        'its Connections.csv is password-protected: download the export again, or unzip it and give its folder',
      ),
    );
    const bzip2 = flagged((v, at) => v.setUint16(at + 2, 12, true));
    expect(() => unzipEntries(bzip2)).toThrow(
      new NotThisFormat(
        'its Connections.csv is compressed with bzip2, which Rapport does not read: unzip it and give its folder',
      ),
    );
  });

  it('refuses, naming it, an entry that would expand over what one CSV file may hold', () => {
    const zip = zipClaiming({ 'Connections.csv': 'First Name\n' }, MAX_CSV_BYTES + 1);
    expect(() => unzipEntries(zip)).toThrow(
      new NotThisFormat('its Connections.csv would expand to 129 MiB, over the 128 MiB one file of an export may hold'),
    );
  });

  it('refuses an entry whose bytes do not match its checksum, or whose size the archive misstates', () => {
    const text = 'First Name,Last Name\nAnn,Lee\n';
    const damaged = zipSync({ 'Connections.csv': strToU8(text) }, { level: 0 });
    // "Ann" -> "Enn" in the stored bytes (the first "A" of the archive may be in its header's
    // time of writing, which depends on the clock: the row is looked for)
    damaged[Buffer.from(damaged).indexOf('Ann,Lee')] = 0x45;
    expect(() => unzipEntries(damaged)).toThrow(
      new NotThisFormat('its Connections.csv is damaged (its checksum does not match): download the export again'),
    );
    expect(() => unzipEntries(zipClaiming({ 'Connections.csv': text }, 10))).toThrow(/its Connections.csv is damaged/);
    expect(unzipEntries(zipSync({ 'Connections.csv': strToU8(text) }))[0]?.bytes).toEqual(strToU8(text));
  });
});
