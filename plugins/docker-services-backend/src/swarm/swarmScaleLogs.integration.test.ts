import { mockServices } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { eventually, waitFor } from '../__testUtils__/eventually';
import { callsOutsideAllowList } from '../__testUtils__/recordingProxy';
import { useSwarmRoutes } from '../__testUtils__/swarmRoutesWorld';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

const run = promisify(execFile);

// Scaling a Swarm service and reading its log, through the real backend
// wiring against the real two-node Swarm shared by the suites
// (scripts/swarm-nodes); then every Engine call they made, to both nodes,
// checked against the allow-list.
const world = useSwarmRoutes();
const { swarm, runId, manager, entities, base, startBackend } = world;
const { createService, runningTasks } = world;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const [{ web, logs }, everywhere, other] = await Promise.all([
    world.runningWebAndLogs(),
    createService({ name: 'everywhere', entity: 'shop', global: true }),
    createService({ name: 'other', entity: 'other' }),
  ]);
  Object.assign(ids, { web, logs, everywhere, other });
}, 240_000);

describe('POST …/services/:host/:id/scale', () => {
  it('scales up and down within the limits, with history and audit', async () => {
    const auditor = mockServices.auditor.mock();
    const event = {
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    };
    auditor.createEvent.mockResolvedValue(event);
    const { server } = await startBackend({
      entities,
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
    const { server } = await startBackend({ entities });
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
      world.proxy.calls.filter(c =>
        [ids.everywhere, ids.other].some(id => c.includes(`${id}/update`)),
      ),
    ).toEqual([]);
  });
});

describe('GET …/services/:host/:id/logs', () => {
  it("reads every replica's lines across both nodes, as `docker service logs` does", async () => {
    const { server } = await startBackend({ entities });
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

describe('the Engine API allow-list', () => {
  it('kept to it, the Swarm calls included', () => {
    const calls = [...world.proxy.calls, ...world.workerProxy.calls];
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
    expect(world.workerProxy.calls).toContain('GET /info');
    expect(
      world.workerProxy.calls.filter(c =>
        /^\w+ \/(services|tasks|nodes)/.test(c),
      ),
    ).toEqual([]);
  });
});
