// The PostgreSQL server the integration tests use, as its admin (the one that creates and drops test databases).

/**
 * The local server CI starts (.ci/run): 127.0.0.1:5432, trust auth, user postgres. Override for another server
 * with BRIDGE_TEST_POSTGRES_URL (test helpers may read env; the bridge's src/ may not).
 */
export const POSTGRES_ADMIN_URL = process.env.BRIDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
