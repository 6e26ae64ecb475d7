/**
 * Outlook's display names of Windows time zones, which some versions write as a TZID without a
 * VTIMEZONE: "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "(UTC-05:00) Eastern Time (US &
 * Canada)", Outlook 2003's "(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna".
 * The name's places give the IANA zone (its rules, daylight saving time included) when one of
 * them is a zone's city whose standard offset is the one the name gives; failing that, the
 * offset alone gives a zone without daylight saving time.
 */

export interface DisplayNameZone {
  /** an IANA zone name the system's time zone database knows */
  readonly zone: string;
  /** true when the zone was found by the name's places, false when only by its offset */
  readonly byPlace: boolean;
  /** the offset the name gives, in minutes east of UTC */
  readonly offsetMinutes: number;
}

const DISPLAY_NAME = /^\(\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?:[:.](\d{2}))?)?\s*\)\s*(.*)$/i;

/** Places Windows names that are not the last part of an IANA zone's name. */
const REGIONS: Readonly<Record<string, string>> = {
  'eastern time (us & canada)': 'America/New_York',
  'central time (us & canada)': 'America/Chicago',
  'mountain time (us & canada)': 'America/Denver',
  'pacific time (us & canada)': 'America/Los_Angeles',
  'atlantic time (canada)': 'America/Halifax',
  'indiana (east)': 'America/Indiana/Indianapolis',
  alaska: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu',
  arizona: 'America/Phoenix',
  newfoundland: 'America/St_Johns',
  saskatchewan: 'America/Regina',
  'central america': 'America/Guatemala',
  brasilia: 'America/Sao_Paulo',
  greenland: 'America/Nuuk',
  'cabo verde is.': 'Atlantic/Cape_Verde',
  'cape verde is.': 'Atlantic/Cape_Verde',
  'west central africa': 'Africa/Lagos',
  'coordinated universal time': 'UTC',
  'greenwich mean time': 'Europe/London',
  kolkata: 'Asia/Kolkata',
  calcutta: 'Asia/Kolkata',
  kathmandu: 'Asia/Kathmandu',
  yangon: 'Asia/Yangon',
  'yangon (rangoon)': 'Asia/Yangon',
  kyiv: 'Europe/Kyiv',
  ekaterinburg: 'Asia/Yekaterinburg',
  'sri jayawardenepura': 'Asia/Colombo',
  "nuku'alofa": 'Pacific/Tongatapu',
  hanoi: 'Asia/Bangkok',
  'city of buenos aires': 'America/Buenos_Aires',
  samoa: 'Pacific/Apia',
  'new delhi': 'Asia/Kolkata',
};

/** Zones without daylight saving time for offsets that are not whole hours, in minutes east of UTC. */
const FIXED_PART_HOURS: Readonly<Record<number, string>> = {
  [-570]: 'Pacific/Marquesas',
  // the only zone at -03:30 keeps summer time: its standard offset is the one named
  [-210]: 'America/St_Johns',
  [270]: 'Asia/Kabul',
  [330]: 'Asia/Colombo',
  [345]: 'Asia/Kathmandu',
  [390]: 'Asia/Yangon',
  [525]: 'Australia/Eucla',
  [570]: 'Australia/Darwin',
};

let cities: Map<string, string> | undefined;

/** "new york" → America/New_York, for every zone the system knows. */
function cityZones(): Map<string, string> {
  if (cities) return cities;
  cities = new Map();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.split('/').pop()?.replace(/_/g, ' ').toLowerCase();
    if (city && zone.includes('/') && !zone.startsWith('Etc/')) cities.set(city, zone);
  }
  return cities;
}

/** The zone's standard offset in minutes (the smaller of January's and July's) in a year of today's rules. */
function standardOffset(zone: string): number | undefined {
  try {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    const offsets = [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)].map((t) => {
      const name = format.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? '';
      const m = /([+-])(\d{2}):(\d{2})/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    });
    return Math.min(...offsets);
  } catch {
    return undefined;
  }
}

/** The zone of an Outlook display name; undefined when the TZID is not one. */
export function displayNameZone(tzid: string): DisplayNameZone | undefined {
  const m = DISPLAY_NAME.exec(tzid.trim());
  if (!m) return undefined;
  const hours = Number(m[2] ?? 0);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  const offsetMinutes = (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  const places = (m[4] ?? '').toLowerCase();
  const candidates = [places.trim(), ...places.split(/\s*[,/;:]\s*|\s+and\s+/)]
    .map((p) => p.trim().replace(/\.$/, ''))
    .filter((p) => p !== '');
  for (const place of candidates) {
    const zone = REGIONS[place] ?? REGIONS[`${place}.`] ?? cityZones().get(place);
    if (zone && standardOffset(zone) === offsetMinutes) return { zone, byPlace: true, offsetMinutes };
  }
  const fixed =
    offsetMinutes === 0
      ? 'UTC'
      : offsetMinutes % 60 === 0
        ? `Etc/GMT${offsetMinutes > 0 ? '-' : '+'}${Math.abs(offsetMinutes / 60)}`
        : FIXED_PART_HOURS[offsetMinutes];
  return fixed ? { zone: fixed, byPlace: false, offsetMinutes } : undefined;
}

/** "UTC+05:30" */
export function offsetLabel(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
