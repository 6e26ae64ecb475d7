import { type Kysely, sql } from 'kysely';
import { columnTypes, type DialectName } from '../dialect.js';

/** The first schema. Migrations take Kysely<any> and never import application code. */
export function initial(dialect: DialectName) {
  const t = columnTypes(dialect);
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not use the app's types
  const withId = (db: Kysely<any>, name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', t.id, (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().notNull(),
      )
      .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'));

  return {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('workspaces')
        .addColumn('id', t.id, (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().notNull(),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('workspace_settings')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('workspace_settings_pk', ['workspace_id', 'key'])
        .execute();

      await withId(db, 'people')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('org', 'text')
        .addColumn('title', 'text')
        .addColumn('linkedin', 'text')
        .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('met', 'text')
        .addColumn('birthday', 'text')
        .addColumn('wishlist', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('notes', 'text')
        .addColumn('tier', 'text')
        .addColumn('goal', 'text')
        .addColumn('cadence_days', 'integer')
        .addColumn('stage_override', 'text')
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .addColumn('updated_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('people_uid').unique().on('people').columns(['workspace_id', 'uid']).execute();
      await db.schema.createIndex('people_name').on('people').columns(['workspace_id', 'name_key']).execute();
      await db.schema.createIndex('people_linkedin').on('people').columns(['workspace_id', 'linkedin']).execute();
      await db.schema.createIndex('people_tier').on('people').columns(['workspace_id', 'tier']).execute();

      await db.schema
        .createTable('person_emails')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('person_emails_pk', ['workspace_id', 'email'])
        .execute();
      await db.schema.createIndex('person_emails_person').on('person_emails').column('person_id').execute();

      await withId(db, 'interactions')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('at', t.int64, (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('depth', 'text', (c) => c.notNull())
        .addColumn('from_person_id', t.int64, (c) => c.references('people.id').onDelete('set null'))
        .addColumn('minutes', 'integer')
        .addColumn('note', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text')
        .addColumn('reply_to_id', t.int64, (c) => c.references('interactions.id').onDelete('set null'))
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('interactions_uid')
        .unique()
        .on('interactions')
        .columns(['workspace_id', 'uid'])
        .execute();
      await db.schema
        .createIndex('interactions_external')
        .unique()
        .on('interactions')
        .columns(['workspace_id', 'source', 'external_id'])
        .where(sql.ref('external_id'), 'is not', null)
        .execute();
      await db.schema.createIndex('interactions_at').on('interactions').columns(['workspace_id', 'at']).execute();
      await db.schema.createIndex('interactions_reply').on('interactions').column('reply_to_id').execute();

      let participations = db.schema
        .createTable('participations')
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('at', t.int64, (c) => c.notNull())
        .addColumn('interaction_id', t.int64, (c) => c.notNull().references('interactions.id').onDelete('cascade'))
        .addColumn('channel', 'integer', (c) => c.notNull())
        .addColumn('role', 'integer', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('audience', 'integer', (c) => c.notNull())
        .addColumn('parent_at', t.int64)
        .addColumn('parent_role', 'integer')
        .addColumn('first_answer', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('co_ids', 'text')
        .addPrimaryKeyConstraint('participations_pk', ['workspace_id', 'person_id', 'at', 'interaction_id']);
      if (dialect === 'sqlite') participations = participations.modifyEnd(sql`without rowid`);
      await participations.execute();
      await db.schema
        .createIndex('participations_interaction')
        .on('participations')
        .columns(['interaction_id', 'person_id'])
        .execute();

      await withId(db, 'exchanges')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('impact', 'text')
        .addColumn('acknowledged_at', t.int64)
        .addColumn('at', t.int64, (c) => c.notNull())
        .addColumn('introduced_person_id', t.int64, (c) => c.references('people.id').onDelete('set null'))
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchanges_uid').unique().on('exchanges').columns(['workspace_id', 'uid']).execute();
      await db.schema
        .createIndex('exchanges_person')
        .on('exchanges')
        .columns(['workspace_id', 'person_id', 'at', 'id'])
        .execute();
      await db.schema
        .createIndex('exchanges_open')
        .on('exchanges')
        .columns(['workspace_id', 'direction', 'acknowledged_at', 'at'])
        .execute();

      await withId(db, 'needs')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('unmet', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .addColumn('closed_at', t.int64)
        .execute();
      await db.schema.createIndex('needs_uid').unique().on('needs').columns(['workspace_id', 'uid']).execute();
      await db.schema.createIndex('needs_person').on('needs').columns(['workspace_id', 'person_id']).execute();

      await withId(db, 'offers')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('person_id', t.int64, (c) => c.references('people.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('offers_uid').unique().on('offers').columns(['workspace_id', 'uid']).execute();
      await db.schema.createIndex('offers_person').on('offers').columns(['workspace_id', 'person_id']).execute();

      for (const [table, owner, ownerTable] of [
        ['need_terms', 'need_id', 'needs'],
        ['offer_terms', 'offer_id', 'offers'],
      ] as const) {
        await db.schema
          .createTable(table)
          .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
          .addColumn('term', 'text', (c) => c.notNull())
          .addColumn(owner, t.int64, (c) => c.notNull().references(`${ownerTable}.id`).onDelete('cascade'))
          .addPrimaryKeyConstraint(`${table}_pk`, ['workspace_id', 'term', owner])
          .execute();
        await db.schema.createIndex(`${table}_owner`).on(table).column(owner).execute();
      }

      await withId(db, 'next_steps')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('why', 'text')
        .addColumn('due', t.int64, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .addColumn('done_at', t.int64)
        .execute();
      await db.schema
        .createIndex('next_steps_uid')
        .unique()
        .on('next_steps')
        .columns(['workspace_id', 'uid'])
        .execute();
      await db.schema
        .createIndex('next_steps_person')
        .on('next_steps')
        .columns(['workspace_id', 'person_id', 'status'])
        .execute();

      await withId(db, 'milestones')
        .addColumn('uid', 'text', (c) => c.notNull())
        .addColumn('person_id', t.int64, (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addColumn('md', 'text', (c) => c.notNull())
        .addColumn('yearly', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.int64, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('milestones_uid')
        .unique()
        .on('milestones')
        .columns(['workspace_id', 'uid'])
        .execute();
      await db.schema.createIndex('milestones_md').on('milestones').columns(['workspace_id', 'md']).execute();
      await db.schema
        .createIndex('milestones_person')
        .on('milestones')
        .columns(['workspace_id', 'person_id'])
        .execute();

      const ts = [
        'as_of',
        'first_at',
        'last_at',
        'first_contact_at',
        'm1_at',
        'm2_at',
        'm3_at',
        'first_two_way_at',
        'tw1_at',
        'tw2_at',
        'tw3_at',
        'them_init_at',
        'u1_at',
        'u2_at',
        'u3_at',
        'deep_at',
        'live_at',
        'inbound_at',
        'g1_at',
        'g2_at',
        'received_at',
        'pending_last_at',
        'acquainted_at',
        'engaged_at',
        'trusted_at',
        'advocate_at',
      ];
      const counts = [
        'as_of_kind',
        'as_of_seq',
        'interactions',
        'inbound',
        'outbound',
        'mutual',
        'meaningful',
        'two_way',
        'given_count',
        'received_count',
        'received_access',
        'too_fast_received',
        'replies',
        'pending_count',
        'common_count',
        'stage',
        'personal',
      ];
      const reals = [
        'int30',
        'int180',
        'init_them',
        'init_user',
        'given',
        'received',
        'resp_sent',
        'resp_answered',
        'resp_score',
        'resp_within24h',
      ];
      let summaries = db.schema
        .createTable('summaries')
        .addColumn('person_id', t.int64, (c) => c.primaryKey().references('people.id').onDelete('cascade'))
        .addColumn('workspace_id', t.int64, (c) => c.notNull().references('workspaces.id').onDelete('cascade'));
      for (const name of ts) summaries = summaries.addColumn(name, t.int64);
      for (const name of counts) summaries = summaries.addColumn(name, t.int64, (c) => c.notNull().defaultTo(0));
      for (const name of reals) summaries = summaries.addColumn(name, t.real, (c) => c.notNull().defaultTo(0));
      await summaries
        .addColumn('common_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('intensity_key', t.real)
        .execute();
      await db.schema
        .createIndex('summaries_intensity')
        .on('summaries')
        .columns(['workspace_id', 'intensity_key'])
        .execute();
      await db.schema.createIndex('summaries_m1').on('summaries').columns(['workspace_id', 'm1_at']).execute();
      await db.schema.createIndex('summaries_last').on('summaries').columns(['workspace_id', 'last_at']).execute();
      await db.schema.createIndex('summaries_as_of').on('summaries').columns(['workspace_id', 'as_of']).execute();
    },
  };
}
