import { STAGES, type Stage } from './vocabulary.js';

export const STAGE_INDEX: Record<Stage, number> = {
  connected: 0,
  acquainted: 1,
  engaged: 2,
  trusted: 3,
  advocate: 4,
};

export function stageAt(index: number): Stage {
  return STAGES[Math.max(0, Math.min(STAGES.length - 1, index))] ?? 'connected';
}

export const STAGE_MEANING: Record<Stage, string> = {
  connected: 'known, no two-way exchange yet',
  acquainted: 'at least one two-way interaction',
  engaged: 'three two-way interactions within 180 days, both sides initiating',
  trusted: 'engaged, two-way contact over 180 days or more, and personal depth or value exchanged',
  advocate: 'trusted, and they referred or introduced you',
};
