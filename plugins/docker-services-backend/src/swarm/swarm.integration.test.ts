import { mockServices } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import {
  SwarmServiceListResponse,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { DEMO_IMAGE, uniqueRunId } from '../__testUtils__/dockerFixtures';
import { eventually, waitFor } from '../__testUtils__/eventually';
import {
  constraints,
  sharedSwarm,
  TestServiceOptions,
} from '../__testUtils__/swarmWorld';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import {
  asUser,
  component,
  OTHER,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

const run = promisify(execFile);

// The Swarm routes through the real backend wiring against the real
// two-node Swarm shared by the suites (scripts/swarm-nodes): node-1 the
// manager, node-2 a worker, each a dockerd in a network namespace of its
// own. This suite never stops a node (swarmNodeDown does, on its own swarm).
const swarm = sharedSwarm();
const runId = uniqueRunId('swarm');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const manager = swarm.manager;
let proxy: RecordingProxy;
let workerProxy: RecordingProxy;
let onlyOnNode1: string;

const base = (entity: string) =>
  `/api/docker-services/entities/component/default/${entity}`;

const entities = [
  component('shop', { 'docker-services/label-selector': `app=${runId}` }),
  component('other', { 'docker-services/label-selector': `app=${runId}` }),
];

const config = (extra: Record<string, unknown> = {}) => ({
  backend: { database: testDatabaseConfig(runId, sqliteDir) },
  permission: { enabled: true },
  dockerServices: {
    hosts: [
      { name: 'swarm', url: proxy.url },
      // A worker answers no Swarm calls: it is left out of service lists.
      { name: 'worker', url: workerProxy.url },
    ],
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
    swarm: { maxReplicas: 6 },
    ...extra,
  },
});

/** A service of this run, labelled for the entities' selector. */
function createService(
  options: Omit<TestServiceOptions, 'runId' | 'entityRef'> & {
    entity?: string;
    global?: boolean;
    maxPerNode?: number;
  },
): Promise<string> {
  const { entity, global, maxPerNode, ...rest } = options;
  return swarm.createService({
    ...rest,
    runId,
    ...(entity ? { entityRef: `component:default/${entity}` } : {}),
    labels: { app: runId, ...rest.labels },
    customize: spec => {
      if (global) spec.Mode = { Global: {} };
      if (maxPerNode) {
        spec.TaskTemplate!.Placement = {
          ...spec.TaskTemplate!.Placement,
          MaxReplicas: maxPerNode,
        } as never;
      }
      // One task at a time, watched for a second: a rolling restart is quick.
      spec.UpdateConfig = {
        Parallelism: 1,
        Delay: 0,
        Monitor: 1e9,
        Order: 'stop-first',
      };
    },
  });
}

async function runningTasks(id: string): Promise<number> {
  return (await swarm.tasks(id)).filter(
    t => t.desiredState === 'running' && t.state === 'running',
  ).length;
}

async function list(
  server: Parameters<typeof request>[0],
  entity = 'shop',
): Promise<SwarmServiceListResponse> {
  const res = await request(server)
    .get(`${base(entity)}/services`)
    .set(asUser(OTHER));
  expect(res.status).toBe(200);
  return res.body;
}

function serviceIn(
  body: SwarmServiceListResponse,
  name: string,
): SwarmServiceSummary | undefined {
  const host = body.hosts.find(h => h.name === 'swarm');
  return host?.status === 'ok'
    ? host.services.find(s => s.name === `${runId}-${name}`)
    : undefined;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  const workerSocket = path.join(
    path.dirname(path.dirname(swarm.socketPath)),
    'node-2',
    'docker.sock',
  );
  [proxy, workerProxy] = await Promise.all([
    startRecordingProxy(swarm.socketPath),
    startRecordingProxy(workerSocket),
  ]);
  // An image only node-1 has: its tasks on node-2 cannot start.
  onlyOnNode1 = await swarm.imageOnManagerOnly(runId);
  const [web, logs, rolling, nowhere, noImage, everywhere, other, claimed] =
    await Promise.all([
      createService({ name: 'web', entity: 'shop', replicas: 2 }),
      createService({
        name: 'logs',
        entity: 'shop',
        replicas: 4,
        maxPerNode: 2,
        cmd: [
          'sh',
          '-c',
          'trap "exit 0" TERM; for i in 1 2 3; do echo "line $i of replica $TASK_SLOT on $NODE_NAME"; done; echo "to stderr from $TASK_SLOT" >&2; while true; do sleep 1; done',
        ],
      }),
      createService({ name: 'rolling', entity: 'shop', replicas: 2 }),
      createService({
        name: 'nowhere',
        entity: 'shop',
        constraints: [constraints.nowhere],
      }),
      createService({
        name: 'noimage',
        entity: 'shop',
        replicas: 2,
        maxPerNode: 1,
        image: onlyOnNode1,
      }),
      createService({ name: 'everywhere', entity: 'shop', global: true }),
      createService({ name: 'other', entity: 'other' }),
      // Its label says shop; an admin rule (in the config of the conflict
      // test) says other.
      createService({
        name: 'claimed',
        entity: 'shop',
        labels: { claim: runId },
      }),
    ]);
  Object.assign(ids, {
    web,
    logs,
    rolling,
    nowhere,
    noImage,
    everywhere,
    other,
    claimed,
  });
  await Promise.all([
    swarm.waitForRunning(web, 2),
    swarm.waitForRunning(logs, 4),
    swarm.waitForRunning(rolling, 2),
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all([proxy?.close(), workerProxy?.close()]);
  await swarm.cleanup(runId);
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

describe('GET /entities/:ref/services', () => {
  it("lists the entity's services on managers, with tasks per node, in words", async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config(),
    });
    const body = await eventually(
      () => list(server),
      b => serviceIn(b, 'logs')?.summary === '4 of 4 running',
    );
    expect(body.entityRef).toBe('component:default/shop');
    // The worker is no manager: left out, not "unavailable".
    expect(body.hosts.map(h => h.name)).toEqual(['swarm']);
    const logs = serviceIn(body, 'logs')!;
    expect(logs).toMatchObject({
      host: 'swarm',
      id: ids.logs,
      mode: 'replicated',
      image: DEMO_IMAGE,
      desiredTasks: 4,
      runningTasks: 4,
      summary: '4 of 4 running',
      scaleLimits: { min: 1, max: 6 },
    });
    const running = logs.tasks.filter(t => t.desiredState === 'running');
    expect(running.map(t => t.slot).sort()).toEqual([1, 2, 3, 4]);
    // Two per node (at most two per node, four replicas).
    expect(running.map(t => t.nodeName).sort()).toEqual([
      'node-1',
      'node-1',
      'node-2',
      'node-2',
    ]);
    for (const task of running) {
      expect(task.explanation).toMatch(/^running on node-[12] for /);
      expect(task.nodeReady).toBe(true);
    }
    // Only named fields cross the wire: no spec, labels, env or mounts.
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/SLOT=|Labels|"Spec"|ContainerSpec|Env/);
    // Another entity's service is not listed.
    expect(serviceIn(body, 'other')).toBeUndefined();
    const global = serviceIn(body, 'everywhere')!;
    expect(global.mode).toBe('global');
  });

  it('explains a task no node can take, and an image missing on one node', async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config(),
    });
    const body = await eventually(
      () => list(server),
      b =>
        Boolean(
          serviceIn(b, 'noimage')?.tasks.some(t =>
            /image not found on node-2/.test(t.explanation),
          ) &&
            serviceIn(b, 'nowhere')?.tasks.some(t =>
              /no suitable node/.test(t.explanation),
            ),
        ),
    );
    const nowhere = serviceIn(body, 'nowhere')!;
    expect(nowhere.runningTasks).toBe(0);
    expect(nowhere.tasks[0]).toMatchObject({
      state: 'pending',
      explanation: 'no suitable node (a placement constraint no node meets)',
    });
    expect(nowhere.summary).toBe(
      '0 of 1 running, 1 cannot be placed: no suitable node (a placement constraint no node meets)',
    );
    // Docker's own words stay available, second.
    expect(nowhere.tasks[0].dockerMessage).toMatch(/no suitable node/);
    const noImage = serviceIn(body, 'noimage')!;
    const failing = noImage.tasks.find(t =>
      /image not found/.test(t.explanation),
    )!;
    expect(failing.nodeName).toBe('node-2');
    expect(failing.explanation).toBe(
      `image not found on node-2 (${onlyOnNode1})`,
    );
    expect(
      noImage.tasks.some(t => t.nodeName === 'node-1' && t.state === 'running'),
    ).toBe(true);
  });

  it('marks a service bound to two entities as a conflict', async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config({
        bindings: [
          {
            entity: 'component:default/other',
            labels: { claim: runId },
          },
        ],
      }),
    });
    const claimed = serviceIn(await list(server), 'claimed')!;
    expect(claimed.conflict).toEqual({
      entityRefs: ['component:default/other', 'component:default/shop'],
      message: expect.stringMatching(
        /^This Swarm service on host swarm is bound to .* nobody can scale, restart it/,
      ),
    });
    const res = await request(server)
      .post(`${base('shop')}/services/swarm/${ids.claimed}/restart`)
      .set(asUser(OWNER));
    expect(res.status).toBe(409);
  });
});

describe('POST …/services/:host/:id/scale', () => {
  it('scales up and down within the limits, with history and audit', async () => {
    const auditor = mockServices.auditor.mock();
    const event = {
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    };
    auditor.createEvent.mockResolvedValue(event);
    const { server } = await startPluginBackend({
      entities,
      config: config(),
      extraFeatures: [auditor.factory],
    });
    const url = `${base('shop')}/services/swarm/${ids.web}/scale`;
    const up = await request(server)
      .post(url)
      .set(asUser(OWNER))
      .send({ replicas: 3, reason: 'more traffic' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      action: 'scale',
      changed: true,
      message: `${runId}-web is being scaled from 2 to 3 replicas.`,
      service: { id: ids.web, desiredTasks: 3 },
    });
    expect(
      await waitFor(async () => (await runningTasks(ids.web)) === 3, 60_000),
    ).toBe(true);
    const spec = (await manager.getService(ids.web).inspect()).Spec;
    expect(spec.Mode.Replicated.Replicas).toBe(3);

    const again = await request(server)
      .post(url)
      .set(asUser(OWNER))
      .send({ replicas: 3 });
    expect(again.body).toMatchObject({ changed: false });

    const down = await request(server)
      .post(url)
      .set(asUser(OWNER))
      .send({ replicas: 1 });
    expect(down.status).toBe(200);
    expect(
      await waitFor(async () => (await runningTasks(ids.web)) === 1, 60_000),
    ).toBe(true);

    const history = await request(server)
      .get(`${base('shop')}/history`)
      .set(asUser(OTHER));
    const rows = history.body.items.filter(
      (r: { containerId: string }) => r.containerId === ids.web,
    );
    expect(rows.slice(0, 3)).toEqual([
      expect.objectContaining({
        action: 'scale',
        target: 'service',
        replicas: { from: 3, to: 1 },
        outcome: 'succeeded',
        changed: true,
      }),
      expect.objectContaining({
        replicas: { from: 3, to: 3 },
        changed: false,
      }),
      expect.objectContaining({
        actor: OWNER,
        action: 'scale',
        target: 'service',
        host: 'swarm',
        containerName: `${runId}-web`,
        reason: 'more traffic',
        replicas: { from: 2, to: 3 },
        outcome: 'succeeded',
        changed: true,
      }),
    ]);
    const actions = auditor.createEvent.mock.calls
      .map(([options]) => options)
      .filter(o => o.eventId === 'service-action');
    expect(actions[0]).toMatchObject({
      severityLevel: 'medium',
      meta: {
        action: 'scale',
        entityRef: 'component:default/shop',
        host: 'swarm',
        serviceId: ids.web,
        replicas: 3,
        reason: 'more traffic',
      },
    });
    expect(event.success).toHaveBeenCalledWith({
      meta: { changed: true, stateUnknown: false },
    });
  });

  it('refuses out of limits (400), non-owners (403), global services (409)', async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config(),
    });
    const url = (id: string) => `${base('shop')}/services/swarm/${id}/scale`;
    const tooMany = await request(server)
      .post(url(ids.web))
      .set(asUser(OWNER))
      .send({ replicas: 7 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(
      /at most 6 replicas \(dockerServices\.swarm\.maxReplicas\); 7 is more/,
    );
    const zero = await request(server)
      .post(url(ids.web))
      .set(asUser(OWNER))
      .send({ replicas: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toMatch(/would stop the service/);
    const notNumber = await request(server)
      .post(url(ids.web))
      .set(asUser(OWNER))
      .send({ replicas: 'two' });
    expect(notNumber.status).toBe(400);
    const nonOwner = await request(server)
      .post(url(ids.web))
      .set(asUser(OTHER))
      .send({ replicas: 2 });
    expect(nonOwner.status).toBe(403);
    expect(nonOwner.body.error.message).toMatch(/scale the Swarm services/);
    const global = await request(server)
      .post(url(ids.everywhere))
      .set(asUser(OWNER))
      .send({ replicas: 2 });
    expect(global.status).toBe(409);
    expect(global.body.error.message).toMatch(/global mode/);
    // Another entity's service is the same 404 as one that does not exist.
    const foreign = await request(server)
      .post(url(ids.other))
      .set(asUser(OWNER))
      .send({ replicas: 2 });
    expect(foreign.status).toBe(404);
    const bad = await request(server)
      .post(url('not-an-id'))
      .set(asUser(OWNER))
      .send({ replicas: 2 });
    expect(bad.status).toBe(400);
    // None of it reached Docker as an update.
    expect(
      proxy.calls.filter(c =>
        [ids.everywhere, ids.other].some(id => c.includes(`${id}/update`)),
      ),
    ).toEqual([]);
  });
});

describe('POST …/services/:host/:id/restart', () => {
  it('replaces the tasks one at a time and keeps the spec', async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config(),
    });
    const before = await manager.getService(ids.rolling).inspect();
    const oldTasks = (await swarm.tasks(ids.rolling))
      .filter(t => t.desiredState === 'running')
      .map(t => t.id);
    const res = await request(server)
      .post(`${base('shop')}/services/swarm/${ids.rolling}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'stale cache' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'restart', changed: true });
    // While it rolls, one task at a time is replaced: one keeps running.
    let fewestRunning = 2;
    const replaced = await waitFor(
      async () => {
        const tasks = await swarm.tasks(ids.rolling);
        const running = tasks.filter(
          t => t.desiredState === 'running' && t.state === 'running',
        );
        fewestRunning = Math.min(fewestRunning, running.length);
        return (
          running.length === 2 && running.every(t => !oldTasks.includes(t.id))
        );
      },
      90_000,
      100,
    );
    expect(replaced).toBe(true);
    expect(fewestRunning).toBeGreaterThanOrEqual(1);
    const after = await manager.getService(ids.rolling).inspect();
    expect(after.Spec.TaskTemplate.ForceUpdate).toBe(
      (before.Spec.TaskTemplate.ForceUpdate ?? 0) + 1,
    );
    // Everything else of the spec is as it was.
    const { ForceUpdate: _a, ...templateBefore } = before.Spec.TaskTemplate;
    const { ForceUpdate: _b, ...templateAfter } = after.Spec.TaskTemplate;
    expect(templateAfter).toEqual(templateBefore);
    expect({ ...after.Spec, TaskTemplate: undefined }).toEqual({
      ...before.Spec,
      TaskTemplate: undefined,
    });
    const history = await request(server)
      .get(`${base('shop')}/history`)
      .set(asUser(OTHER));
    expect(history.body.items[0]).toMatchObject({
      action: 'restart',
      target: 'service',
      containerId: ids.rolling,
      reason: 'stale cache',
      outcome: 'succeeded',
    });
  });

  it('needs the restart permission', async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config(),
    });
    const res = await request(server)
      .post(`${base('shop')}/services/swarm/${ids.rolling}/restart`)
      .set(asUser(OTHER));
    expect(res.status).toBe(403);
  });
});

describe('GET …/services/:host/:id/logs', () => {
  it("reads every replica's lines across both nodes, as `docker service logs` does", async () => {
    const { server } = await startPluginBackend({
      entities,
      config: config(),
    });
    const ours = async () => {
      const res = await request(server)
        .get(`${base('shop')}/services/swarm/${ids.logs}/logs?tail=all`)
        .set(asUser(OTHER));
      expect(res.status).toBe(200);
      return res.text
        .trim()
        .split('\n')
        .map(l => JSON.parse(l))
        .filter(e => 'line' in e)
        .map(e => `${e.task.slot}@${e.task.node} ${e.stream} ${e.line}`)
        .sort();
    };
    // The CLI, against the manager's socket.
    const theirs = async () => {
      const { stdout, stderr } = await run('docker', [
        '-H',
        `unix://${swarm.socketPath}`,
        'service',
        'logs',
        '--no-trunc',
        ids.logs,
      ]);
      const parse = (text: string, stream: string) =>
        text
          .trim()
          .split('\n')
          .map(line => {
            // name.slot.task@node    | text
            const m = /^\S+\.(\d+)\.[a-z0-9]+@(\S+)\s+\| (.*)$/.exec(line);
            return m ? `${m[1]}@${m[2]} ${stream} ${m[3]}` : `? ${line}`;
          });
      return [...parse(stdout, 'stdout'), ...parse(stderr, 'stderr')].sort();
    };
    // A log read that ends (no follow) may end before a remote node sent
    // its lines, with the CLI too: both are read until all 16 are there.
    const [portal, cli] = await eventually(
      () => Promise.all([ours(), theirs()]),
      ([a, b]) => a.length === 16 && b.length === 16,
      30_000,
    );
    // Each line names the replica and node that wrote it: both nodes.
    for (const line of portal) {
      const [, slot, node, text] = /^(\d)@(node-[12]) (.*)$/.exec(line)!;
      expect(text).toMatch(
        new RegExp(
          `^(stdout line \\d of replica ${slot} on ${node}|stderr to stderr from ${slot})$`,
        ),
      );
    }
    expect(new Set(portal.map(l => l.split(' ')[0].split('@')[1]))).toEqual(
      new Set(['node-1', 'node-2']),
    );
    expect(portal).toEqual(cli);

    const text = await request(server)
      .get(
        `${base('shop')}/services/swarm/${ids.logs}/logs?tail=all&format=text`,
      )
      .set(asUser(OTHER));
    expect(text.text).toMatch(/^[1-4]@node-[12] \| line 1 of replica/m);
    const until = await request(server)
      .get(`${base('shop')}/services/swarm/${ids.logs}/logs?until=1`)
      .set(asUser(OTHER));
    expect(until.status).toBe(400);
  });
});

describe('live changes', () => {
  it('tells the pages of the entity when a manager reports a change to its services, and again while tasks settle', async () => {
    const published: Array<{ channel: string; message: unknown }> = [];
    // Earlier tests' backends hold streams of their own.
    const streams = () =>
      proxy.openRequests().filter(r => r === 'GET /events').length;
    const before = streams();
    const backend = await startPluginBackend({
      entities,
      config: config(),
      extraFeatures: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: any) => void published.push(signal),
          }),
        }),
      ],
    });
    // Container events and service/node events: two streams to the manager.
    expect(await waitFor(() => streams() >= before + 2, 30_000)).toBe(true);
    const channel = 'docker-services:entity:component:default/shop';
    const heard = () => published.filter(p => p.channel === channel);
    // Changed outside the portal, as `docker service scale` would.
    const service = manager.getService(ids.web);
    const { Spec, Version } = await service.inspect();
    await service.update({
      version: Version.Index,
      ...Spec,
      Mode: { Replicated: { Replicas: 2 } },
    });
    expect(await waitFor(() => heard().length >= 1, 20_000)).toBe(true);
    // Tasks change without events: the page is told again a little later.
    expect(await waitFor(() => heard().length >= 2, 20_000)).toBe(true);
    expect(heard()[0]).toEqual({
      recipients: { type: 'broadcast' },
      channel,
      message: { change: 'changed' },
    });
    await backend.stop();
  });
});

describe('the Engine API allow-list', () => {
  it('kept to it, the Swarm calls included', () => {
    const calls = [...proxy.calls, ...workerProxy.calls];
    expect(callsOutsideAllowList(calls)).toEqual([]);
    for (const call of [
      'GET /info',
      'GET /services',
      'GET /tasks',
      'GET /nodes',
      `GET /services/${ids.web}`,
      `POST /services/${ids.web}/update`,
      `GET /services/${ids.logs}/logs`,
    ]) {
      expect(calls).toContain(call);
    }
    // Of the Swarm calls, the worker was only asked whether it is a manager.
    expect(workerProxy.calls).toContain('GET /info');
    expect(
      workerProxy.calls.filter(c => /^\w+ \/(services|tasks|nodes)/.test(c)),
    ).toEqual([]);
  });
});
