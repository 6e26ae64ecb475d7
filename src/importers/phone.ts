/**
 * A phone number as written, without a `tel:` URI around it: `tel:+1-418-656-9254;ext=102` →
 * `+1-418-656-9254` (vCard 4.0 writes numbers so, and so do contacts exported from it). The app
 * compares numbers by their digits, so an extension kept would make a different number.
 */
export function phoneFromUri(text: string): string {
  if (!/^\s*tel:/i.test(text)) return text;
  const number = text.trim().slice(4);
  const semicolon = number.indexOf(';');
  return (semicolon < 0 ? number : number.slice(0, semicolon)).trim();
}
