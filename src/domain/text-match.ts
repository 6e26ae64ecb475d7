import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/** Words that appear in almost every need or offer and say nothing about which ones match. */
const GENERIC = [
  'help',
  'helping',
  'need',
  'needs',
  'needed',
  'want',
  'wants',
  'looking',
  'look',
  'someone',
  'somebody',
  'find',
  'finding',
  'get',
  'getting',
  'good',
  'great',
  'new',
  'better',
  'best',
  'way',
  'ways',
  'like',
  'would',
  'could',
  'also',
  'really',
  'thing',
  'things',
  'lot',
  'lots',
  'people',
  'person',
  'work',
  'working',
  'offer',
  'offers',
  'can',
  'make',
  'making',
  'take',
  'plate',
  'off',
  'struggling',
  'struggle',
  'wanting',
];
const STOP = new Set([...eng, ...GENERIC]);

export interface Word {
  /** the word as written, lower case */
  readonly word: string;
  readonly stem: string;
}

/** The content words of a text (and of its tags) with their stems. */
export function analyze(text: string, tags: readonly string[] = []): Word[] {
  const words: Word[] = [];
  const seen = new Set<string>();
  for (const source of [text, ...tags]) {
    for (const raw of source
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .split(/[^\p{L}\p{N}+#]+/u)) {
      // keep "c++" and "c#", drop stray symbols elsewhere
      const word = /^\p{L}[\p{L}\p{N}]*[+#]+$/u.test(raw) ? raw : raw.replace(/[+#]+/g, '');
      if (word.length < 2 || STOP.has(word) || /^\d+$/.test(word)) continue;
      const stem = stemmer(word);
      if (seen.has(stem)) continue;
      seen.add(stem);
      words.push({ word, stem });
    }
  }
  return words;
}

/** The stems a text is indexed by. */
export function termsOf(text: string, tags: readonly string[] = []): string[] {
  return analyze(text, tags).map((w) => w.stem);
}

export interface TermMatch {
  /** sum of the shared terms' weights */
  readonly score: number;
  /** the shared words, as written in the need */
  readonly words: readonly string[];
}

/**
 * Matches a need against an offer by shared terms. `rarity` weighs a term by how rare it is
 * (inverse document frequency); the default weighs every term 1. No shared term: no match.
 */
export function matchTexts(
  need: readonly Word[],
  offer: readonly Word[],
  rarity: (stem: string) => number = () => 1,
): TermMatch | undefined {
  const offerStems = new Set(offer.map((w) => w.stem));
  const shared = need.filter((w) => offerStems.has(w.stem));
  if (shared.length === 0) return undefined;
  return { score: shared.reduce((sum, w) => sum + rarity(w.stem), 0), words: shared.map((w) => w.word) };
}

/** Inverse document frequency over `documents` texts, never below zero. */
export function inverseFrequency(documentFrequency: ReadonlyMap<string, number>, documents: number) {
  return (stem: string) => Math.max(0.1, Math.log((1 + documents) / (1 + (documentFrequency.get(stem) ?? 0))));
}
