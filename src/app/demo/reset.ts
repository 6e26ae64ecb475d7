import { countPeople } from '../../store/person.repository.js';
import type { Context } from '../context.js';

type Db = Context['store']['db'];

/** Tables holding a workspace's data, children before the rows they reference. */
const TABLES = [
  'need_terms',
  'offer_terms',
  'needs',
  'offers',
  'participations',
  'exchanges',
  'next_steps',
  'milestones',
  'summaries',
  'person_emails',
  'interactions',
  'people',
  'workspace_settings',
] as const;

/**
 * Deletes every row of a workspace's data (people and everything hanging off them, and its
 * settings), keeping the workspace itself, inside the caller's transaction. Returns how many
 * people were removed.
 */
export async function clearWorkspace(db: Db, workspaceId: number): Promise<number> {
  const people = await countPeople(db, workspaceId);
  for (const table of TABLES) await db.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
  return people;
}
