/*
 * The catalog and config overlay the portal benchmark starts the portal's
 * backend with (bench/portalThroughput.ts, scripts/bench-portal): 50
 * annotated components, 10 teams owning five each and 240 users in those
 * teams (300 entities), the second engine as the only Docker host, and the
 * guest signed in as one of the users; also one annotated component with
 * no containers. Its user tokens are signed with a key pair of the run's
 * own (bench/benchTokens.ts), so the bench can sign in any of the 240
 * users. Written into a folder of the run's own, never into the repository.
 * Usage: node … bench/portalCatalog.ts <dir> <run id> <engine socket> <port>
 */
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_KEY_ID, writeSigningKey } from './benchTokens';

export const COMPONENTS = 50;
const TEAMS = 10;
/** The catalog's bench users, bench-user-000 to bench-user-239. */
export const USERS = 240;
/** The user the guest signs in as: a member of bench-team-0. */
export const BENCH_USER = 'user:default/bench-user-000';

/** A 51st component, annotated and bound to no container. */
export const EMPTY_COMPONENT = 'bench-svc-empty';

export const componentName = (i: number) =>
  `bench-svc-${String(i).padStart(2, '0')}`;
/** The Compose service of component `i` (its annotation narrows to it). */
export const composeService = (i: number) =>
  `svc-${String(i).padStart(2, '0')}`;
const teamName = (i: number) => `bench-team-${i}`;
const userName = (i: number) => `bench-user-${String(i).padStart(3, '0')}`;

/** Bench user `u` and what they own through: themselves and their team. */
export const benchUser = (u: number) => ({
  userEntityRef: `user:default/${userName(u % USERS)}`,
  ownershipEntityRefs: [
    `user:default/${userName(u % USERS)}`,
    `group:default/${teamName((u % USERS) % TEAMS)}`,
  ],
});

function entitiesYaml(runId: string): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${teamName(t)}
spec:
  type: team
  children: []`);
  }
  for (let u = 0; u < USERS; u++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${userName(u)}
spec:
  profile:
    displayName: Bench User ${u}
  memberOf: [${teamName(u % TEAMS)}]`);
  }
  for (let c = 0; c < COMPONENTS; c++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${componentName(c)}
  annotations:
    docker-services/compose: ${runId}/${composeService(c)}
spec:
  type: service
  lifecycle: experimental
  owner: ${teamName(c % TEAMS)}`);
  }
  // Annotated like the others, with no container: the route's cost
  // without containers to select and serialise.
  docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${EMPTY_COMPONENT}
  annotations:
    docker-services/compose: ${runId}/none
spec:
  type: service
  lifecycle: experimental
  owner: ${teamName(0)}`);
  return `${docs.map(d => `---\n${d}\n`).join('')}`;
}

/**
 * The backend's databases: SQLite files in the run's folder, or with
 * BENCH_PG_URL one PostgreSQL database per plugin, named with the run's
 * BENCH_PG_PREFIX (scripts/bench-portal drops them at the end).
 */
function databaseYaml(dataDir: string): string {
  const url = process.env.BENCH_PG_URL;
  if (!url) {
    return `  database:
    client: better-sqlite3
    connection:
      directory: ${JSON.stringify(dataDir)}`;
  }
  return `  database:
    client: pg
    connection: ${JSON.stringify(url)}
    prefix: ${JSON.stringify(process.env.BENCH_PG_PREFIX ?? 'dsbench_')}`;
}

/**
 * The overlay layered over app-config.yaml and app-config.demo.yaml, as
 * e2e/app-config.e2e.yaml is: its own port, SQLite folder and catalog file.
 */
function overlayYaml(options: {
  port: number;
  dataDir: string;
  entitiesFile: string;
  socket: string;
  keys: { privateKeyFile: string; publicKeyFile: string };
}): string {
  const { port, dataDir, entitiesFile, socket, keys } = options;
  return `app:
  baseUrl: http://localhost:${port}
backend:
  baseUrl: http://localhost:${port}
  listen:
    port: ${port}
    host: 127.0.0.1
  cors:
    origin: http://localhost:${port}
${databaseYaml(dataDir)}
auth:
  providers:
    guest:
      userEntityRef: ${BENCH_USER}
      dangerouslyAllowOutsideDevelopment: true
  keyStore:
    provider: static
    static:
      keys:
        - keyId: ${BENCH_KEY_ID}
          algorithm: ES256
          privateKeyFile: ${JSON.stringify(keys.privateKeyFile)}
          publicKeyFile: ${JSON.stringify(keys.publicKeyFile)}
catalog:
  locations:
    - type: file
      target: ../../examples/entities.yaml
    - type: file
      target: ../../examples/org.yaml
      rules:
        - allow: [User, Group]
    - type: file
      target: ${JSON.stringify(entitiesFile)}
      rules:
        - allow: [User, Group, Component]
dockerServices:
  hosts:
    - name: bench
      socketPath: ${JSON.stringify(socket)}
`;
}

/**
 * Writes entities.yaml, the signing key pair and app-config.bench.yaml
 * into `dir`; returns the overlay's path.
 */
export function writePortalConfig(options: {
  dir: string;
  runId: string;
  socket: string;
  port: number;
}): string {
  const { dir, runId, socket, port } = options;
  const entitiesFile = path.join(dir, 'entities.yaml');
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(entitiesFile, entitiesYaml(runId));
  const overlay = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(
    overlay,
    overlayYaml({
      port,
      dataDir,
      entitiesFile,
      socket,
      keys: writeSigningKey(dir),
    }),
  );
  return overlay;
}

if (require.main === module) {
  const [dir, runId, socket, port] = process.argv.slice(2);
  if (!dir || !runId || !socket || !Number(port)) {
    console.error(
      'usage: portalCatalog.ts <dir> <run id> <engine socket> <port>',
    );
    process.exit(2);
  }
  console.log(writePortalConfig({ dir, runId, socket, port: Number(port) }));
}
