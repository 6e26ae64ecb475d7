import { describe, expect, it } from 'vitest';
import { exportDate } from './linkedin.js';

describe('exportDate', () => {
  it('reads the month-first date LinkedIn writes in an export’s name, zip or unpacked folder', () => {
    expect(exportDate(['/x/Basic_LinkedInDataExport_03-15-2024.zip'])).toBe(Date.UTC(2024, 2, 15));
    expect(exportDate(['/x/Complete_LinkedInDataExport_12-01-2025/Connections.csv'])).toBe(Date.UTC(2025, 11, 1));
  });

  it('gives nothing for a name without one, or with a date that is no day', () => {
    expect(exportDate(['/x/linkedin.zip', '/x/Connections.csv'])).toBeUndefined();
    expect(exportDate(['/x/Basic_LinkedInDataExport_13-01-2024.zip'])).toBeUndefined();
    expect(exportDate(['/x/Basic_LinkedInDataExport_02-30-2024.zip'])).toBeUndefined();
  });
});
