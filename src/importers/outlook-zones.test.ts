import { describe, expect, it } from 'vitest';
import { displayNameZone, offsetLabel } from './outlook-zones.js';

describe('displayNameZone', () => {
  it.each([
    ['(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi', 'Asia/Kolkata'],
    ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York'],
    ['(UTC-08:00) Pacific Time (US & Canada)', 'America/Los_Angeles'],
    ['(GMT-08:00) Pacific Time (US & Canada); Tijuana', 'America/Los_Angeles'],
    ['(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Brussels'],
    ['(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna', 'Europe/Amsterdam'],
    ['(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London', 'Europe/London'],
    ['(UTC) Coordinated Universal Time', 'UTC'],
    ['(UTC+10:00) Canberra, Melbourne, Sydney', 'Australia/Melbourne'],
    ['(UTC-03:30) Newfoundland', 'America/St_Johns'],
    ['(UTC+05:45) Kathmandu', 'Asia/Kathmandu'],
    ['(UTC-03:00) City of Buenos Aires', 'America/Buenos_Aires'],
  ])('%s is the zone of its places, %s', (name, zone) => {
    expect(displayNameZone(name)).toMatchObject({ zone, byPlace: true });
  });

  it('a place whose zone has another standard offset than the name gives is not taken', () => {
    // Berlin is UTC+01:00; the name says +03:00, so only the offset is used
    expect(displayNameZone('(UTC+03:00) Berlin')).toEqual({ zone: 'Etc/GMT-3', byPlace: false, offsetMinutes: 180 });
  });

  it('places no zone is named after give a zone without daylight saving time at the offset', () => {
    expect(displayNameZone('(UTC-11:00) Coordinated Universal Time-11')).toMatchObject({ zone: 'Etc/GMT+11' });
    expect(displayNameZone('(UTC+06:30) Nowhere')).toMatchObject({ zone: 'Asia/Yangon', byPlace: false });
    expect(displayNameZone('(UTC+00:00) Nowhere')).toMatchObject({ zone: 'UTC', byPlace: false });
  });

  it('a TZID that is not a display name, or an offset no zone has, gives nothing', () => {
    expect(displayNameZone('W. Europe Standard Time')).toBeUndefined();
    expect(displayNameZone('Europe/Berlin')).toBeUndefined();
    expect(displayNameZone('(UTC+25:00) Mars')).toBeUndefined();
    expect(displayNameZone('(UTC-02:30) Nowhere')).toBeUndefined();
  });

  it('offsets are labelled as Outlook writes them', () => {
    expect(offsetLabel(330)).toBe('UTC+05:30');
    expect(offsetLabel(-210)).toBe('UTC-03:30');
    expect(offsetLabel(0)).toBe('UTC+00:00');
  });
});
