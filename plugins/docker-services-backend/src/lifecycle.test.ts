import Docker from 'dockerode';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestContainer,
  removeTestContainers,
  secondEngine,
  stateOf,
  uniqueRunId,
} from './testUtils/dockerFixtures';
import {
  callsOutsideAllowList,
  containerCalls,
  RecordingProxy,
  startRecordingProxy,
} from './testUtils/recordingProxy';
import {
  ADMIN,
  asService,
  asUser,
  component,
  OTHER,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  unauthenticated,
} from './testUtils/testBackend';

// Integration tests of start/stop/restart, details and history: the real
// backend wiring, a real database, two real Docker engines, and every Engine
// API call recorded on its way to the engines.
const runId = uniqueRunId('life');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const engine2 = secondEngine();

const entities = [
  component('shop', { 'docker-services/compose': `${runId}/shop` }),
  component('other', { 'docker-services/compose': `${runId}/other` }),
  component('remote', {
    'docker-services/compose': `${runId}/remote`,
    'docker-services/hosts': 'second',
  }),
];

let localProxy: RecordingProxy;
let secondProxy: RecordingProxy;
let shop: Docker.Container;
let shopStopped: Docker.Container;
let other: Docker.Container;
let remote: Docker.Container;

function config(extra: Record<string, unknown> = {}) {
  return {
    backend: { database: testDatabaseConfig(runId, sqliteDir) },
    permission: { enabled: true },
    dockerServices: {
      hosts: [
        { name: 'local', url: localProxy.url },
        { name: 'second', url: secondProxy.url },
      ],
      requestTimeoutMs: 1500,
      stopTimeoutSeconds: 1,
      ...extra,
    },
  };
}

const base = (entity: string) =>
  `/api/docker-services/entities/component/default/${entity}`;
const containerPath = (entity: string, host: string, id: string) =>
  `${base(entity)}/containers/${host}/${id}`;

function compose(service: string, number = 1) {
  return {
    'com.docker.compose.project': runId,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(number),
  };
}

beforeAll(async () => {
  [localProxy, secondProxy] = await Promise.all([
    startRecordingProxy(),
    startRecordingProxy(engine2.socketPath),
  ]);
  // sleep ignores SIGTERM as PID 1, so stop always takes the stop timeout;
  // SIGKILL as the stop signal keeps these tests fast.
  [shop, shopStopped, other, remote] = await Promise.all([
    createTestContainer({ runId, name: 'shop-1', labels: compose('shop'), stopSignal: 'SIGKILL' }),
    createTestContainer({ runId, name: 'shop-2', labels: compose('shop', 2), start: false, stopSignal: 'SIGKILL' }),
    createTestContainer({ runId, name: 'other-1', labels: compose('other'), stopSignal: 'SIGKILL' }),
    createTestContainer({
      engine: engine2.docker,
      runId,
      name: 'remote-1',
      labels: compose('remote'),
      stopSignal: 'SIGKILL',
    }),
  ]);
});

afterAll(async () => {
  process.kill(engine2.pid, 'SIGCONT');
  await Promise.all([
    removeTestContainers(runId),
    removeTestContainers(runId, engine2.docker),
  ]);
  await Promise.all([localProxy?.close(), secondProxy?.close()]);
  fs.rmSync(sqliteDir, { recursive: true, force: true });
});

describe('container actions', () => {
  it('lets the owner stop, start and restart, and says when nothing changed', async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const url = containerPath('shop', 'local', shop.id);

    const stop = await request(server).post(`${url}/stop`).set(asUser(OWNER)).send({ reason: 'deploy window' });
    expect(stop.status).toBe(200);
    expect(stop.body).toMatchObject({
      action: 'stop',
      changed: true,
      container: { id: shop.id, state: 'exited' },
      message: `${runId}-shop-1 was stopped.`,
    });
    expect(await stateOf(shop)).toBe('exited');

    const stopAgain = await request(server).post(`${url}/stop`).set(asUser(OWNER));
    expect(stopAgain.status).toBe(200);
    expect(stopAgain.body).toMatchObject({ changed: false, message: expect.stringMatching(/already stopped/) });

    const start = await request(server).post(`${url}/start`).set(asUser(OWNER)).send({});
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ changed: true, container: { state: 'running' } });
    expect(await stateOf(shop)).toBe('running');

    const startAgain = await request(server).post(`${url}/start`).set(asUser(OWNER));
    expect(startAgain.body.changed).toBe(false);

    const startedAt = (await shop.inspect()).State.StartedAt;
    const restart = await request(server).post(`${url}/restart`).set(asUser(ADMIN));
    expect(restart.status).toBe(200);
    expect(restart.body).toMatchObject({ changed: true, container: { state: 'running' } });
    expect((await shop.inspect()).State.StartedAt).not.toBe(startedAt);
  });

  it('refuses non-owners, service principals and anonymous callers before touching Docker', async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const url = `${containerPath('shop', 'local', shop.id)}/stop`;
    const callsBefore = containerCalls(localProxy.calls).length;

    const nonOwner = await request(server).post(url).set(asUser(OTHER));
    expect(nonOwner.status).toBe(403);
    expect(nonOwner.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: `You are not allowed to stop the containers of component:default/shop`,
    });
    const service = await request(server).post(url).set(asService());
    expect(service.status).toBe(403);
    const anonymous = await request(server).post(url).set(unauthenticated());
    expect(anonymous.status).toBe(401);

    expect(containerCalls(localProxy.calls).length).toBe(callsBefore);
    expect(await stateOf(shop)).toBe('running');
  });

  it("answers another entity's container exactly like a random id", async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const randomId = 'f'.repeat(64);
    const foreign = await request(server).post(`${containerPath('shop', 'local', other.id)}/stop`).set(asUser(OWNER));
    const random = await request(server).post(`${containerPath('shop', 'local', randomId)}/stop`).set(asUser(OWNER));

    expect(foreign.status).toBe(404);
    expect(random.status).toBe(404);
    const shape = (body: any, id: string) => ({
      name: body.error.name,
      message: body.error.message.replace(id.slice(0, 12), '<id>'),
    });
    expect(shape(foreign.body, other.id)).toEqual(shape(random.body, randomId));
    expect(await stateOf(other)).toBe('running');

    // A configured host the entity does not use answers the same way.
    const wrongHost = await request(server).post(`${containerPath('remote', 'local', shop.id)}/stop`).set(asUser(OWNER));
    expect(wrongHost.status).toBe(404);
    expect(wrongHost.body.error.name).toBe('NotFoundError');
  });

  it('serializes 100 simultaneous starts into one start reaching Docker', async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const url = `${containerPath('shop', 'local', shopStopped.id)}/start`;
    const countStarts = () =>
      localProxy.calls.filter(c => c === `POST /containers/${shopStopped.id}/start`).length;
    const before = countStarts();

    const responses = await Promise.all(
      Array.from({ length: 100 }, () => request(server).post(url).set(asUser(OWNER))),
    );

    expect(responses.map(r => r.status)).toEqual(Array(100).fill(200));
    expect(countStarts() - before).toBe(1);
    expect(responses.filter(r => r.body.changed === true)).toHaveLength(1);
    expect(await stateOf(shopStopped)).toBe('running');
  });

  it('serializes across two backend replicas sharing the database', async () => {
    const [a, b] = await Promise.all([
      startPluginBackend({ entities, config: config() }),
      startPluginBackend({ entities, config: config() }),
    ]);
    await shopStopped.stop().catch(() => {});
    const url = `${containerPath('shop', 'local', shopStopped.id)}/start`;
    const countStarts = () =>
      localProxy.calls.filter(c => c === `POST /containers/${shopStopped.id}/start`).length;
    const before = countStarts();

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(i % 2 ? a.server : b.server).post(url).set(asUser(OWNER)),
      ),
    );

    expect(responses.map(r => r.status)).toEqual(Array(40).fill(200));
    expect(countStarts() - before).toBe(1);
    expect(responses.filter(r => r.body.changed === true)).toHaveLength(1);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('refuses to act when the permission framework is off, unless configured to', async () => {
    const off = await startPluginBackend({
      entities,
      config: { ...config(), permission: { enabled: false } },
    });
    const url = `${containerPath('shop', 'local', shop.id)}/restart`;
    const refused = await request(off.server).post(url).set(asUser(OWNER));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/permission framework is off/);
    await off.stop();

    const optedOut = await startPluginBackend({
      entities,
      config: {
        ...config({ allowActionsWithoutPermissionFramework: true }),
        permission: { enabled: false },
      },
    });
    const allowed = await request(optedOut.server).post(url).set(asUser(OWNER));
    expect(allowed.status).toBe(200);
    await optedOut.stop();
  });

  it('reports a client timeout as state unknown and re-reads the container', async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const url = containerPath('shop', 'local', shop.id);
    localProxy.holdResponsesTo(/^POST \/containers\/[0-9a-f]+\/stop$/);
    try {
      const res = await request(server).post(`${url}/stop`).set(asUser(OWNER));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        action: 'stop',
        stateUnknown: true,
        message: expect.stringMatching(/did not confirm in time .* its state is being refreshed/),
        // The engine did stop it; the re-read says so.
        container: { id: shop.id, state: 'exited' },
      });
    } finally {
      localProxy.holdResponsesTo(undefined);
    }
    const history = await request(server).get(`${base('shop')}/history?limit=1`).set(asUser(OWNER));
    expect(history.body.items[0]).toMatchObject({ action: 'stop', outcome: 'unknown' });
    await request(server).post(`${url}/start`).set(asUser(OWNER)).expect(200);
  });
});

describe('container details', () => {
  it("returns the container's summary and health log, never raw inspect data", async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const res = await request(server).get(containerPath('shop', 'local', shop.id)).set(asUser(OTHER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: shop.id,
      host: 'local',
      name: `${runId}-shop-1`,
      state: 'running',
      healthLog: [],
    });
    expect(res.body).not.toHaveProperty('Config');
    expect(res.body).not.toHaveProperty('env');
  });
});

describe('container stats', () => {
  it('samples a running container, and explains why a stopped one has none', async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const res = await request(server).get(`${containerPath('shop', 'local', shop.id)}/stats`).set(asUser(OTHER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cpuPercent: expect.any(Number),
      memory: { usedBytes: expect.any(Number), limitBytes: expect.any(Number) },
      network: { rxBytes: expect.any(Number), txBytes: expect.any(Number) },
      sampledAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(res.body.memory.limitBytes).toBeGreaterThan(0);
    expect(res.body.memory.usedBytes).toBeGreaterThan(0);

    await shopStopped.stop().catch(() => {});
    const stopped = await request(server)
      .get(`${containerPath('shop', 'local', shopStopped.id)}/stats`)
      .set(asUser(OTHER));
    expect(stopped.status).toBe(409);
    expect(stopped.body.error.message).toBe(`${runId}-shop-2 is not running, so it uses no CPU or memory to show.`);
  });
});

describe('history', () => {
  it('records every action, newest first, paginated, and survives a backend restart', async () => {
    const first = await startPluginBackend({ entities, config: config() });
    const url = containerPath('shop', 'local', shop.id);
    await request(first.server).post(`${url}/restart`).set(asUser(OWNER)).send({ reason: 'stuck' }).expect(200);
    await request(first.server).post(`${url}/stop`).set(asUser(OTHER)).expect(403);
    await first.stop();

    const second = await startPluginBackend({ entities, config: config() });
    const page1 = await request(second.server).get(`${base('shop')}/history?limit=2`).set(asUser(OTHER));
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0]).toMatchObject({
      entityRef: 'component:default/shop',
      actor: OWNER,
      action: 'restart',
      host: 'local',
      containerId: shop.id,
      containerName: `${runId}-shop-1`,
      reason: 'stuck',
      outcome: 'succeeded',
      changed: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // A refused request never reached the action, so it is not history.
    expect(page1.body.items.map((i: any) => i.actor)).not.toContain(OTHER);
    expect(page1.body.items[0].id).toBeGreaterThan(page1.body.items[1].id);

    const page2 = await request(second.server)
      .get(`${base('shop')}/history?limit=2&before=${page1.body.nextBefore}`)
      .set(asUser(OTHER));
    expect(page2.status).toBe(200);
    expect(page2.body.items.length).toBeGreaterThan(0);
    expect(page2.body.items[0].id).toBeLessThan(page1.body.items[1].id);

    const otherHistory = await request(second.server).get(`${base('other')}/history`).set(asUser(OTHER));
    expect(otherHistory.body).toEqual({ items: [] });
    await second.stop();
  });
});

describe('two hosts', () => {
  it('acts on the second engine and lists both', async () => {
    const { server } = await startPluginBackend({ entities, config: config() });
    const res = await request(server).post(`${containerPath('remote', 'second', remote.id)}/restart`).set(asUser(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.container).toMatchObject({ host: 'second', state: 'running' });

    const list = await request(server).get(`${base('remote')}/containers`).set(asUser(OTHER));
    expect(list.body.hosts).toEqual([
      expect.objectContaining({ name: 'second', status: 'ok', containers: [expect.objectContaining({ id: remote.id })] }),
    ]);
  });

  it('keeps answering for one host while the other engine is stopped', async () => {
    const { server } = await startPluginBackend({
      entities: [
        ...entities,
        component('both', { 'docker-services/compose': `${runId}/shop` }),
      ],
      config: config(),
    });
    process.kill(engine2.pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const list = await request(server).get(`${base('both')}/containers`).set(asUser(OTHER));
      const elapsed = Date.now() - started;
      expect(list.status).toBe(200);
      expect(list.body.hosts).toEqual([
        expect.objectContaining({ name: 'local', status: 'ok' }),
        {
          name: 'second',
          status: 'unavailable',
          error: 'Docker host "second" is unavailable: it did not answer in time. It may be overloaded or unreachable.',
        },
      ]);
      expect(list.body.hosts[0].containers.length).toBe(2);
      // Bounded by the configured deadline (1.5 s), not by the stopped engine.
      expect(elapsed).toBeLessThan(5000);

      const action = await request(server).post(`${containerPath('remote', 'second', remote.id)}/stop`).set(asUser(OWNER));
      expect(action.status).toBe(503);
      expect(action.body.error.name).toBe('ServiceUnavailableError');
      expect(action.body.error.message).toMatch(/Docker host "second" is unavailable/);
    } finally {
      process.kill(engine2.pid, 'SIGCONT');
    }
  });
});

describe('the audit trail', () => {
  it('emits a medium-severity event per action and low-severity events for reads', async () => {
    const auditor = mockServices.auditor.mock();
    const event = { success: jest.fn(async () => {}), fail: jest.fn(async () => {}) };
    auditor.createEvent.mockResolvedValue(event);
    const { server } = await startPluginBackend({
      entities,
      config: config(),
      extraFeatures: [auditor.factory],
    });
    await request(server)
      .post(`${containerPath('shop', 'local', shop.id)}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'audit me' })
      .expect(200);
    await request(server)
      .get(`${containerPath('shop', 'local', shop.id)}/logs?tail=1&timestamps=true`)
      .set(asUser(OTHER))
      .expect(200);

    const calls = auditor.createEvent.mock.calls.map(([options]) => options);
    expect(calls).toEqual([
      expect.objectContaining({
        eventId: 'container-action',
        severityLevel: 'medium',
        meta: { action: 'restart', entityRef: 'component:default/shop', host: 'local', containerId: shop.id, reason: 'audit me' },
      }),
      expect.objectContaining({
        eventId: 'container-logs',
        severityLevel: 'low',
        meta: { entityRef: 'component:default/shop', host: 'local', containerId: shop.id, follow: false },
      }),
    ]);
    // Log reads are audited without their query string.
    expect(calls[1].request?.originalUrl).toMatch(/\/logs$/);
    expect(event.success).toHaveBeenCalledWith({ meta: { changed: true, stateUnknown: false } });
  });
});

describe('the Engine API allow-list', () => {
  it('was kept by every call this suite made', () => {
    const calls = [...localProxy.calls, ...secondProxy.calls];
    expect(calls.length).toBeGreaterThan(50);
    expect(callsOutsideAllowList(calls)).toEqual([]);
  });
});
