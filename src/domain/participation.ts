import type { Direction, Role } from './vocabulary.js';

/** How an interaction looks from one participant's side (see Role). */
export function participantRole(direction: Direction, fromPersonId: number | null, personId: number): Role {
  if (direction !== 'in') return direction;
  return fromPersonId === null || fromPersonId === personId ? 'in' : 'group';
}

/**
 * Whether a message answers one of the user's that awaited an answer: it comes from the person,
 * the message it answers was the user's to them, not bulk mail (over 10 recipients: it awaited no
 * answer), and did not itself answer theirs. Only the first such answer counts toward
 * responsiveness.
 */
export function answersAwaitedMessage(
  role: Role,
  parentRole: Role | null,
  grandparentRole: Role | null,
  parentBulk = false,
): boolean {
  return (
    role === 'in' && parentRole === 'out' && !parentBulk && (grandparentRole === null || grandparentRole === 'out')
  );
}
