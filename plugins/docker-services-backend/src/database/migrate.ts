import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The plugin's database client, with its tables migrated to the latest. */
export async function migratedDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip) {
    await db.migrate.latest({
      directory: resolvePackagePath(
        '@docker-services/backstage-plugin-docker-services-backend',
        'migrations',
      ),
      tableName: 'docker_services_knex_migrations',
    });
  }
  return db;
}
