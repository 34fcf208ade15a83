import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  FleetSearchResponse,
  MyServicesResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { uniqueRunId } from '../__testUtils__/dockerFixtures';
import { eventually } from '../__testUtils__/eventually';
import { sharedSwarm } from '../__testUtils__/swarmWorld';
import {
  asUser,
  component,
  OTHER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// The Swarm part of the fleet search through the real backend wiring,
// against the real two-node Swarm shared by the suites
// (scripts/swarm-nodes): services found by name, stack, task name and
// short id; a service of an entity the caller cannot see is never found.
// "My services" reads the same shared list.
const swarm = sharedSwarm();
const runId = uniqueRunId('fleet');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const ids: Record<string, string> = {};
let server: Awaited<ReturnType<typeof startPluginBackend>>['server'];

beforeAll(async () => {
  const [api, hidden] = await Promise.all([
    swarm.createService({
      runId,
      name: 'api',
      replicas: 2,
      entityRef: 'component:default/shop',
      labels: { 'com.docker.stack.namespace': `${runId}-stack` },
    }),
    // Bound to an entity the catalog does not have (or the caller cannot see).
    swarm.createService({
      runId,
      name: 'hidden',
      entityRef: 'component:default/secret',
    }),
  ]);
  Object.assign(ids, { api, hidden });
  await Promise.all([
    swarm.waitForRunning(api, 2),
    swarm.waitForRunning(hidden, 1),
  ]);
  ({ server } = await startPluginBackend({
    entities: [
      {
        // The caller's own, for "My services", which its selector narrows as its tab.
        ...component('shop', {
          'docker-services/label-selector': `com.docker.stack.namespace=${runId}-stack`,
        }),
        relations: [{ type: 'ownedBy', targetRef: OTHER }],
      },
    ],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'swarm', socketPath: swarm.socketPath }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
      },
    },
  }));
}, 240_000);

afterAll(async () => {
  await swarm.cleanup(runId);
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

describe('GET /fleet/containers with a Swarm manager', () => {
  it('finds services and their tasks, and only those of entities the caller can see', async () => {
    const search = async (q: string): Promise<FleetSearchResponse> => {
      const res = await request(server)
        .get(`/api/docker-services/fleet/containers?q=${encodeURIComponent(q)}`)
        .set(asUser(OTHER));
      expect(res.status).toBe(200);
      return res.body;
    };
    const name = `${runId}-api`;
    const found = await eventually(
      () => search(runId),
      body => body.services?.[0]?.summary === '2 of 2 running',
    );
    expect(found.services).toEqual([
      expect.objectContaining({
        host: 'swarm',
        id: ids.api,
        name,
        stack: `${runId}-stack`,
        level: 'ok',
        runningTasks: 2,
        desiredTasks: 2,
        tasks: [
          expect.objectContaining({ name: `${name}.1`, state: 'running' }),
          expect.objectContaining({ name: `${name}.2`, state: 'running' }),
        ],
        entity: expect.objectContaining({ ref: 'component:default/shop' }),
      }),
    ]);
    const taskId = found.services![0].tasks[1].id;

    // By the stack, the service's short id, a task's name or short id.
    for (const q of [`${runId}-stack`, ids.api.slice(0, 8)]) {
      expect((await search(q)).services?.map(s => s.name)).toEqual([name]);
    }
    for (const q of [`${name}.2`, taskId.slice(0, 8)]) {
      const [service] = (await search(q)).services!;
      expect(service.tasks.map(t => t.name)).toEqual([`${name}.2`]);
    }
    // Never the service of an entity the caller cannot see.
    for (const q of [`${runId}-hidden`, ids.hidden.slice(0, 8)]) {
      expect((await search(q)).services).toEqual([]);
    }
  });

  it("lists the caller's own service in My services, with its tasks' state, and never another entity's", async () => {
    const mine = await eventually(
      async (): Promise<MyServicesResponse> => {
        const res = await request(server)
          .get('/api/docker-services/fleet/mine')
          .set(asUser(OTHER));
        expect(res.status).toBe(200);
        return res.body;
      },
      body => body.entities[0]?.services?.[0]?.summary === '2 of 2 running',
    );
    expect(mine.entities).toEqual([
      expect.objectContaining({
        ref: 'component:default/shop',
        level: 'ok',
        containers: [],
        services: [
          expect.objectContaining({
            host: 'swarm',
            id: ids.api,
            name: `${runId}-api`,
            runningTasks: 2,
            desiredTasks: 2,
          }),
        ],
      }),
    ]);
  });
});
