/**
 * A phone number as written, without a `tel:` URI around it: `tel:+1-418-656-9254` →
 * `+1-418-656-9254` (vCard 4.0 writes numbers so, and so do contacts exported from it). An
 * extension (`;ext=102`) is part of the number, written as people write it
 * (`+1-418-656-9254 ext. 102`); the URI's other parameters (`;phone-context=…`) are dropped.
 */
export function phoneFromUri(text: string): string {
  if (!/^\s*tel:/i.test(text)) return text;
  const [number = '', ...params] = text.trim().slice(4).split(';');
  const ext = params
    .map((p) => /^\s*ext=\s*([^\s;]+)\s*$/i.exec(p)?.[1])
    .find((e): e is string => e !== undefined && e !== '');
  const main = number.trim();
  return ext && main ? `${main} ext. ${ext}` : main;
}
