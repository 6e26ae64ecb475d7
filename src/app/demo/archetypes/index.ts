import type { PersonInput } from '../../people.js';
import type { Story } from '../story.js';
import type { ArchetypeKey, Cast } from '../world.js';
import { admin, colleague, invoiceClient, keyClient, prospect } from './clients.js';
import { cooling, dormant, eagerVendor, neverAnswers, social, wishlist } from './edges.js';
import { acquaintance, advocate, mentor, occasional, peer } from './network.js';

export type History = (s: Story, cast: Cast, person: PersonInput) => void;

/** How each archetype's history is written. */
export const HISTORIES: Record<ArchetypeKey, History> = {
  'key-client': keyClient,
  social,
  'never-answers': neverAnswers,
  dormant,
  acquaintance,
  prospect,
  advocate,
  cooling,
  peer,
  admin,
  'eager-vendor': eagerVendor,
  mentor,
  'invoice-client': invoiceClient,
  wishlist,
  occasional,
  colleague,
};
