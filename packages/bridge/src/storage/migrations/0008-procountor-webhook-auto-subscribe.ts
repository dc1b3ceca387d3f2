// Issue #6: the bridge subscribes to Procountor's webhooks by itself. What the last automatic attempt did (so a refusal
// is visible in GET …/procountor-webhook), and whether the receiver URL was given by hand (then kept as given).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('procountor_webhook_subscriptions')
    .addColumn('url_explicit', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('procountor_webhook_subscriptions')
    .dropColumn('url_explicit')
    .dropColumn('last_attempt_at')
    .dropColumn('last_error')
    .execute();
}
