import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_TEXT, storableLine, storableText, visible } from './clean-text.js';

describe('text from files', () => {
  it('is stored without control characters, line ends made LF', () => {
    expect(storableText('Ome\u0000ga\r\nSA\rLtd\u001b[31m \u0085')).toBe('Omega\nSA\nLtd[31m');
    expect(storableText('\u0000 \u0007')).toBeUndefined();
    expect(storableLine('Offsite\u0000 with\tBob\r\nand  Ann')).toBe('Offsite with Bob and Ann');
  });

  it('is cut to what one field holds, an ellipsis last, never inside a character', () => {
    const huge = 'Acme '.repeat(10_000_000);
    const stored = storableLine(huge) as string;
    expect(stored).toHaveLength(MAX_STORED_TEXT);
    expect(stored.endsWith('…')).toBe(true);
    const emoji = storableText(`${'x'.repeat(MAX_STORED_TEXT - 2)}😀😀`) as string;
    expect(emoji.length).toBeLessThanOrEqual(MAX_STORED_TEXT);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(storableText('short')).toBe('short');
  });

  it('is shown on a terminal with every control character escaped', () => {
    expect(visible('Unexpected token \u001b[31mRED\u001b]0;pwned\u0007')).toBe(
      'Unexpected token \\x1b[31mRED\\x1b]0;pwned\\x07',
    );
    expect(visible('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(visible('Zoë Ångström: ok')).toBe('Zoë Ångström: ok');
  });

  it('never leaves a control character, whatever the input', () => {
    const control = /(?![\t\n])\p{Cc}/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(storableText(s) ?? '').not.toMatch(control);
        expect(visible(s)).not.toMatch(/\p{Cc}/u);
      }),
    );
  });
});
