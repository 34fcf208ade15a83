import { SignalPayload } from '@backstage/plugin-signals-node';
import request from 'supertest';
import { DEMO_IMAGE } from '../__testUtils__/dockerFixtures';
import { eventually, waitFor } from '../__testUtils__/eventually';
import { recordingSignals } from '../__testUtils__/recordingSignals';
import { useSwarmRoutes } from '../__testUtils__/swarmRoutesWorld';
import { constraints } from '../__testUtils__/swarmWorld';
import { asUser, OWNER } from '../__testUtils__/testBackend';

// What an entity's page sees of its Swarm services, through the real
// backend wiring against the real two-node Swarm shared by the suites
// (scripts/swarm-nodes): node-1 the manager, node-2 a worker, each a dockerd
// in a network namespace of its own. The list with its tasks in words, a
// conflict, and word when a service changes. Never stops a node
// (swarmNodeDown does, on its own swarm).
const world = useSwarmRoutes();
const { swarm, runId, manager, entities, base, startBackend } = world;
const { createService, list, serviceIn } = world;
const ids: Record<string, string> = {};
let onlyOnNode1: string;

beforeAll(async () => {
  // An image only node-1 has: its tasks on node-2 cannot start.
  onlyOnNode1 = await swarm.imageOnManagerOnly(runId);
  const [{ web, logs }, nowhere, noImage, everywhere, other, claimed] =
    await Promise.all([
      world.runningWebAndLogs(),
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
    nowhere,
    noImage,
    everywhere,
    other,
    claimed,
  });
}, 240_000);

describe('GET /entities/:ref/services', () => {
  it("lists the entity's services on managers, with tasks per node, in words", async () => {
    const { server } = await startBackend({ entities });
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
    const { server } = await startBackend({ entities });
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
    const { server } = await startBackend({
      entities,
      dockerServices: {
        bindings: [
          {
            entity: 'component:default/other',
            labels: { claim: runId },
          },
        ],
      },
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

describe('live changes', () => {
  it('tells the pages of the entity when a manager reports a change to its services, and again while tasks settle', async () => {
    const published: SignalPayload[] = [];
    // Earlier tests' backends hold streams of their own.
    const streams = () =>
      world.proxy.openRequests().filter(r => r === 'GET /events').length;
    const before = streams();
    const backend = await startBackend({
      entities,
      extraFeatures: [recordingSignals(published)],
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
