import Docker from 'dockerode';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestContainer,
  removeTestContainers,
  secondEngine,
  uniqueRunId,
} from './dockerFixtures';
import { RecordingProxy, startRecordingProxy } from './recordingProxy';
import { Knex } from 'knex';
import {
  component,
  pluginDatabase,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './testBackend';

/**
 * The fixture of the lifecycle suites: two real engines behind recording
 * proxies, three entities, and their containers (shop-1 running, shop-2
 * created, other-1 another entity's, remote-1 on the second engine).
 * Fields are set in beforeAll; read them inside tests.
 */
export interface LifecycleWorld {
  runId: string;
  engine2: ReturnType<typeof secondEngine>;
  localProxy: RecordingProxy;
  secondProxy: RecordingProxy;
  shop: Docker.Container;
  shopStopped: Docker.Container;
  other: Docker.Container;
  remote: Docker.Container;
  entities: ReturnType<typeof component>[];
  config(extra?: Record<string, unknown>): Record<string, any>;
  /** A connection of the test's own to the plugin's database. */
  database(): Knex;
  base(entity: string): string;
  containerPath(entity: string, host: string, id: string): string;
}

export function useLifecycleWorld(prefix: string): LifecycleWorld {
  const runId = uniqueRunId(prefix);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
  const engine2 = secondEngine();
  // Each container names its entity, as a Compose file would.
  const compose = (service: string, number = 1) => ({
    'com.docker.compose.project': runId,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(number),
    'docker-services.entity': `component:default/${service}`,
  });
  const base = (entity: string) =>
    `/api/docker-services/entities/component/default/${entity}`;
  const world = {
    runId,
    engine2,
    entities: [
      component('shop', { 'docker-services/compose': `${runId}/shop` }),
      component('other', { 'docker-services/compose': `${runId}/other` }),
      component('remote', {
        'docker-services/compose': `${runId}/remote`,
        'docker-services/hosts': 'second',
      }),
    ],
    config: (extra: Record<string, unknown> = {}) => ({
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [
          { name: 'local', url: world.localProxy.url },
          { name: 'second', url: world.secondProxy.url },
        ],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        stopTimeoutSeconds: 1,
        ...extra,
      },
    }),
    database: () => pluginDatabase(runId, sqliteDir),
    base,
    containerPath: (entity: string, host: string, id: string) =>
      `${base(entity)}/containers/${host}/${id}`,
  } as unknown as LifecycleWorld;

  beforeAll(async () => {
    [world.localProxy, world.secondProxy] = await Promise.all([
      startRecordingProxy(),
      startRecordingProxy(engine2.socketPath),
    ]);
    // sleep ignores SIGTERM as PID 1, so stop would always take the stop
    // timeout; SIGKILL as the stop signal keeps these tests fast.
    const stopSignal = 'SIGKILL';
    [world.shop, world.shopStopped, world.other, world.remote] =
      await Promise.all([
        createTestContainer({
          runId,
          name: 'shop-1',
          labels: compose('shop'),
          stopSignal,
        }),
        createTestContainer({
          runId,
          name: 'shop-2',
          labels: compose('shop', 2),
          start: false,
          stopSignal,
        }),
        createTestContainer({
          runId,
          name: 'other-1',
          labels: compose('other'),
          stopSignal,
        }),
        createTestContainer({
          engine: engine2.docker,
          runId,
          name: 'remote-1',
          labels: compose('remote'),
          stopSignal,
        }),
      ]);
    // Another suite may hold the second engine stopped for a few seconds.
  }, 30_000);

  afterAll(async () => {
    await Promise.all([
      removeTestContainers(runId),
      removeTestContainers(runId, engine2.docker),
    ]);
    await Promise.all([world.localProxy?.close(), world.secondProxy?.close()]);
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }, 30_000);

  return world;
}
