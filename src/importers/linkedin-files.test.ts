import { describe, expect, it } from 'vitest';
import { linkedinFileKind } from './linkedin-files.js';

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
