/**
 * People keep layers of about 5, 15, 50 and 150 ties (Dunbar). A relationship's layer is its
 * rank among the user's ties by long-run intensity; it describes the user's own pattern and
 * is shown beside the strength, not inside it.
 */
export const LAYERS = [
  { size: 5, name: 'support clique' },
  { size: 15, name: 'sympathy group' },
  { size: 50, name: 'close network' },
  { size: 150, name: 'active network' },
] as const;

export interface Layer {
  /** 1 = the most intense tie */
  readonly rank: number;
  /** 5, 15, 50 or 150; null beyond the 150 */
  readonly layer: 5 | 15 | 50 | 150 | null;
  readonly name: string;
}

export function layerOf(rank: number): Layer {
  for (const l of LAYERS) if (rank <= l.size) return { rank, layer: l.size, name: l.name };
  return { rank, layer: null, name: 'beyond the 150' };
}
