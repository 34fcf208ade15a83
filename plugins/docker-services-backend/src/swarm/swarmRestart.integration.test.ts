import request from 'supertest';
import { waitFor } from '../__testUtils__/eventually';
import { useSwarmRoutes } from '../__testUtils__/swarmRoutesWorld';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

// A rolling restart of a Swarm service through the real backend wiring,
// against the real two-node Swarm shared by the suites
// (scripts/swarm-nodes): its tasks replaced one at a time, its spec kept.
const world = useSwarmRoutes();
const { swarm, manager, entities, base, startBackend } = world;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ids.rolling = await world.createService({
    name: 'rolling',
    entity: 'shop',
    replicas: 2,
  });
  await swarm.waitForRunning(ids.rolling, 2);
}, 240_000);

describe('POST …/services/:host/:id/restart', () => {
  it('replaces the tasks one at a time and keeps the spec', async () => {
    const { server } = await startBackend({ entities });
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
    const { server } = await startBackend({ entities });
    const res = await request(server)
      .post(`${base('shop')}/services/swarm/${ids.rolling}/restart`)
      .set(asUser(OTHER));
    expect(res.status).toBe(403);
  });
});
