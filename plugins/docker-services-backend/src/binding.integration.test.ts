import Docker from 'dockerode';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  createTestContainer,
  removeTestContainers,
  stateOf,
  uniqueRunId,
} from './__testUtils__/dockerFixtures';
import {
  callsOutsideAllowList,
  containerCalls,
  RecordingProxy,
  startRecordingProxy,
} from './__testUtils__/recordingProxy';
import {
  asUser,
  component,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './__testUtils__/testBackend';

// Who may claim a container: its own label, an admin rule, or (only on a
// host that trusts them) a catalog annotation. Real engine, real database.
const runId = uniqueRunId('binding');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
let proxy: RecordingProxy;
let teamB: Docker.Container;
let legacy: Docker.Container;
let disputed: Docker.Container;
let free: Docker.Container;

const compose = (service: string) => ({
  'com.docker.compose.project': runId,
  'com.docker.compose.service': service,
});
const entities = [
  // Team B's own service: its containers name it.
  component('team-b-web', { 'docker-services/compose': `${runId}/b-web` }),
  // Team A's component, whose catalog file tries to claim team B's containers.
  component('claimer', { 'docker-services/compose': `${runId}/b-web` }),
  // An older service, bound by an admin rule.
  component('legacy', { 'docker-services/compose': `${runId}/legacy` }),
  // Claims an unlabelled container nobody else binds.
  component('free-claimer', { 'docker-services/compose': `${runId}/free` }),
  // Names a container that the admin rule binds to legacy as well.
  component('x-team', { 'docker-services/compose': `${runId}/legacy` }),
];
const rule = {
  entity: 'component:default/legacy',
  labels: compose('legacy'),
};
const config = (extra: Record<string, unknown> = {}) => ({
  backend: { database: testDatabaseConfig(runId, sqliteDir) },
  permission: { enabled: true },
  dockerServices: {
    hosts: [{ name: 'local', url: proxy.url }],
    bindings: [rule],
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
    stopTimeoutSeconds: 1,
    ...extra,
  },
});
const base = (entity: string) =>
  `/api/docker-services/entities/component/default/${entity}`;
const at = (entity: string, id: string) =>
  `${base(entity)}/containers/local/${id}`;

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const stopSignal = 'SIGKILL';
  [teamB, legacy, disputed, free] = await Promise.all([
    createTestContainer({
      runId,
      name: 'b-web-1',
      labels: {
        ...compose('b-web'),
        'docker-services.entity': 'component:default/team-b-web',
      },
      stopSignal,
    }),
    createTestContainer({
      runId,
      name: 'legacy-1',
      labels: compose('legacy'),
      stopSignal,
    }),
    createTestContainer({
      runId,
      name: 'legacy-2',
      labels: {
        ...compose('legacy'),
        'docker-services.entity': 'component:default/x-team',
      },
      stopSignal,
    }),
    createTestContainer({ runId, name: 'free-1', labels: compose('free') }),
  ]);
});

afterAll(async () => {
  await removeTestContainers(runId);
  await proxy?.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
});

describe('a catalog annotation alone', () => {
  it("does not claim another team's container, on any route", async () => {
    const backend = await startPluginBackend({
      entities,
      // Without the index, every engine call is one a request made.
      config: config({ index: { enabled: false } }),
    });
    const { server } = backend;
    const list = await request(server)
      .get(`${base('claimer')}/containers`)
      .set(asUser(OWNER));
    expect(list.status).toBe(200);
    expect(list.body.hosts).toEqual([
      {
        name: 'local',
        status: 'ok',
        containers: [],
        emptyReason: expect.stringMatching(
          /^No container on host local is bound to this entity\./,
        ),
      },
    ]);

    const before = containerCalls(proxy.calls).length;
    for (const route of ['', '/stats', '/logs', '/logs?format=text']) {
      const res = await request(server)
        .get(`${at('claimer', teamB.id)}${route}`)
        .set(asUser(OWNER));
      expect([route, res.status]).toEqual([route, 404]);
      expect(res.body.error.name).toBe('NotFoundError');
    }
    for (const action of ['stop', 'restart', 'start']) {
      const res = await request(server)
        .post(`${at('claimer', teamB.id)}/${action}`)
        .set(asUser(OWNER))
        .send({ reason: 'mine now' });
      expect([action, res.status]).toEqual([action, 404]);
    }
    // Only labelled lists were asked; nothing reached the container itself.
    expect(
      containerCalls(proxy.calls)
        .slice(before)
        .filter(c => c.includes(teamB.id)),
    ).toEqual([]);
    expect(await stateOf(teamB)).toBe('running');

    const history = await request(server)
      .get(`${base('claimer')}/history`)
      .set(asUser(OWNER));
    expect(history.body).toEqual({ items: [] });

    // Its own entity still has it.
    const own = await request(server)
      .get(`${base('team-b-web')}/containers`)
      .set(asUser(OWNER));
    expect(own.body.hosts[0].containers.map((c: any) => c.id)).toEqual([
      teamB.id,
    ]);
    await backend.stop();
  });

  it('claims it on a host marked as trusting catalog annotations, unless a label binds it', async () => {
    const backend = await startPluginBackend({
      entities,
      config: config({
        hosts: [
          { name: 'local', url: proxy.url, trustCatalogAnnotations: true },
        ],
      }),
    });
    const { server } = backend;
    // b-web-1 names its entity: the label wins over the annotation.
    const claimer = await request(server)
      .get(`${base('claimer')}/containers`)
      .set(asUser(OWNER));
    expect(claimer.body.hosts[0].containers).toEqual([]);
    expect(claimer.body.hosts[0].emptyReason).toMatch(
      /^No container on host local matches this entity's annotations\./,
    );
    // free-1 is bound by nothing else: here the annotation binds it.
    const freeClaimer = await request(server)
      .get(`${base('free-claimer')}/containers`)
      .set(asUser(OWNER));
    expect(freeClaimer.body.hosts[0].containers.map((c: any) => c.id)).toEqual([
      free.id,
    ]);
    await backend.stop();

    // Without the trust, the same annotation binds nothing.
    const untrusting = await startPluginBackend({ entities, config: config() });
    const none = await request(untrusting.server)
      .get(`${base('free-claimer')}/containers`)
      .set(asUser(OWNER));
    expect(none.body.hosts[0].containers).toEqual([]);
    await untrusting.stop();
  });
});

describe('an admin rule', () => {
  it('binds an unlabelled container to its entity, which may act on it', async () => {
    const backend = await startPluginBackend({
      entities,
      config: config(),
    });
    const { server } = backend;
    const list = await request(server)
      .get(`${base('legacy')}/containers`)
      .set(asUser(OWNER));
    const names = list.body.hosts[0].containers.map((c: any) => c.name);
    expect(names).toEqual([`${runId}-legacy-1`, `${runId}-legacy-2`]);
    expect(list.body.hosts[0].containers[0].conflict).toBeUndefined();

    const restart = await request(server)
      .post(`${at('legacy', legacy.id)}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'rule-bound' });
    expect(restart.status).toBe(200);
    expect(restart.body).toMatchObject({ action: 'restart', changed: true });
    await backend.stop();
  });

  it('is refused at start-up when it would bind every container', () => {
    const empty = startPluginBackend({
      entities,
      config: config({
        bindings: [{ entity: 'component:default/legacy', labels: {} }],
      }),
    });
    return expect(empty).rejects.toThrow(
      /empty rule would bind every container/,
    );
  });
});

describe('a container bound to two entities', () => {
  it('shows on both tabs with the reason, and nobody may act on it or read it', async () => {
    const backend = await startPluginBackend({
      entities,
      config: config(),
    });
    const { server } = backend;
    for (const entity of ['legacy', 'x-team']) {
      const list = await request(server)
        .get(`${base(entity)}/containers`)
        .set(asUser(OWNER));
      const disputedId = disputed.id;
      const shown = list.body.hosts[0].containers.find(
        (c: any) => c.id === disputedId,
      );
      expect(shown.conflict).toEqual({
        entityRefs: ['component:default/legacy', 'component:default/x-team'],
        message: expect.stringMatching(
          /bound to component:default\/x-team \(by its docker-services\.entity label\) and component:default\/legacy \(by an admin rule in the portal configuration\), so nobody can .* whoever deploys the container can correct its label; a portal admin can correct the rule\./,
        ),
      });
      for (const action of ['stop', 'restart']) {
        const res = await request(server)
          .post(`${at(entity, disputed.id)}/${action}`)
          .set(asUser(OWNER));
        expect(res.status).toBe(409);
        expect(res.body.error.message).toBe(shown.conflict.message);
      }
      const logs = await request(server)
        .get(`${at(entity, disputed.id)}/logs`)
        .set(asUser(OWNER));
      expect(logs.status).toBe(409);
    }
    expect(await stateOf(disputed)).toBe('running');
    expect(
      proxy.calls.filter(c => c.startsWith(`POST /containers/${disputed.id}`)),
    ).toEqual([]);
    await backend.stop();
  });
});

describe('the Engine API allow-list', () => {
  it('was kept by every call this suite made', () => {
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
