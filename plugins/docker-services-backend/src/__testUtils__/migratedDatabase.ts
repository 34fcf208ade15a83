import knexFactory, { Knex } from 'knex';
import path from 'node:path';

/**
 * A real database for the stores' unit tests: in-memory SQLite with the
 * plugin's migrations applied, as the backend applies them.
 */
export async function migratedDatabase(): Promise<Knex> {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await db.migrate.latest({
    directory: path.resolve(__dirname, '../../migrations'),
    tableName: 'docker_services_knex_migrations',
  });
  return db;
}
