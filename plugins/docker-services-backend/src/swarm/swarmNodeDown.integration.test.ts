import request from 'supertest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SwarmServiceListResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { uniqueRunId } from '../__testUtils__/dockerFixtures';
import { eventually } from '../__testUtils__/eventually';
import {
  startOwnSwarm,
  SwarmWorld,
  WORKER_NODE,
} from '../__testUtils__/swarmWorld';
import {
  asUser,
  component,
  OTHER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// A node that goes down, on a two-node Swarm of this suite's own (the
// shared one's suites would see the node go).
const runId = uniqueRunId('swarmdown');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
let swarm: SwarmWorld;

beforeAll(async () => {
  swarm = await startOwnSwarm({ prefix: 'dsvcdown', subnet: '172.31.233' });
}, 240_000);

afterAll(async () => {
  await swarm?.dispose();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

it('shows the tasks of a node that went down as such, in words', async () => {
  const id = await swarm.createService({
    runId,
    name: 'web',
    replicas: 4,
    entityRef: 'component:default/shop',
    customize: spec => {
      spec.TaskTemplate!.Placement = { MaxReplicas: 2 } as never;
    },
  });
  await swarm.waitForRunning(id, 4);
  expect(await swarm.runningPerNode(id)).toEqual({
    'node-1': 2,
    [WORKER_NODE]: 2,
  });
  const { server } = await startPluginBackend({
    entities: [
      component('shop', {
        'docker-services/label-selector': `docker-services.test=${runId}`,
      }),
    ],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'swarm', socketPath: swarm.socketPath }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
      },
    },
  });
  await swarm.stopWorker();
  const list = async (): Promise<SwarmServiceListResponse> =>
    (
      await request(server)
        .get('/api/docker-services/entities/component/default/shop/services')
        .set(asUser(OTHER))
        .expect(200)
    ).body;
  // The replacements first wait for a node, then Docker says why none
  // suits them: read until it has (a loaded machine takes a while).
  const body = await eventually(list, b => {
    const host = b.hosts[0];
    return (
      host?.status === 'ok' &&
      host.services[0]?.tasks.some(t =>
        t.explanation.startsWith(`${WORKER_NODE} is down`),
      ) &&
      host.services[0]?.summary.includes('cannot be placed')
    );
  });
  const host = body.hosts[0];
  if (host.status !== 'ok') throw new Error('the manager did not answer');
  const [service] = host.services;
  const onDownNode = service.tasks.filter(t => t.nodeName === WORKER_NODE);
  expect(onDownNode.length).toBeGreaterThan(0);
  for (const task of onDownNode) {
    expect(task.nodeReady).toBe(false);
    expect(task.explanation).toMatch(/^node-2 is down: this replica/);
  }
  // Only the tasks the manager can vouch for count as running; node-1
  // takes no more than two (at most two per node), so the rest wait.
  expect(service.runningTasks).toBe(2);
  expect(service.summary).toBe(
    '2 of 4 running, 2 cannot be placed: no suitable node (every node that is up runs as many as allowed per node)',
  );
});
