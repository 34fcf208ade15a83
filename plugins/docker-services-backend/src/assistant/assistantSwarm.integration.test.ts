import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import request from 'supertest';
import { waitFor } from '../__testUtils__/eventually';
import { callTool, mcpUrlOf, textOf } from '../__testUtils__/mcpClient';
import { callsOutsideAllowList } from '../__testUtils__/recordingProxy';
import { useSwarmBackend } from '../__testUtils__/swarmBackend';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

// scale-swarm-service over MCP against the real two-node Swarm shared by the
// suites (scripts/swarm-nodes): the owner scales a service within the
// portal's limits, with the reason and "via assistant" in the history;
// someone else and a count past the limit are refused in the tab's words,
// and the manager is not asked to change anything.
const world = useSwarmBackend({
  name: 'mcpswarm',
  maxReplicas: 3,
  assistant: true,
});
const { swarm, runId } = world;
const base = '/api/docker-services/entities/component/default/shop';
let backend: Awaited<ReturnType<typeof world.startBackend>>;
let url: URL;
let web: string;

const running = async () =>
  (await swarm.tasks(web)).filter(
    t => t.desiredState === 'running' && t.state === 'running',
  ).length;
const updates = () =>
  world.proxy.calls.filter(c => c.startsWith(`POST /services/${web}/update`));
const scale = (as: string, replicas: number, reason?: string) =>
  callTool(url, asUser(as), 'scale-swarm-service', {
    entity: 'component:default/shop',
    host: 'swarm',
    serviceId: web,
    replicas,
    ...(reason ? { reason } : {}),
  });

beforeAll(async () => {
  web = await world.createService({ name: 'web', replicas: 1, entity: 'shop' });
  await swarm.waitForRunning(web, 1);
  backend = await world.startBackend({
    entities: [world.entity('shop')],
    extraFeatures: [mcpActionsPlugin],
  });
  url = mcpUrlOf(backend.server);
}, 120_000);

describe('scale-swarm-service on a real Swarm', () => {
  it("scales the owner's service, and the history says so, via the assistant", async () => {
    const answer = await scale(OWNER, 2, 'more traffic tonight');
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toMatchObject({
      summary: `${runId}-web is being scaled from 1 to 2 replicas.`,
      result: { action: 'scale', changed: true },
    });
    expect(await waitFor(async () => (await running()) === 2, 60_000)).toBe(
      true,
    );
    const spec = (await swarm.manager.getService(web).inspect()).Spec;
    expect(spec.Mode.Replicated.Replicas).toBe(2);

    const history = await request(backend.server)
      .get(`${base}/history`)
      .set(asUser(OTHER));
    expect(history.status).toBe(200);
    expect(
      history.body.items.find(
        (r: { containerId: string }) => r.containerId === web,
      ),
    ).toMatchObject({
      actor: OWNER,
      action: 'scale',
      target: 'service',
      reason: 'more traffic tonight',
      replicas: { from: 1, to: 2 },
      outcome: 'succeeded',
      channel: 'assistant',
    });
  });

  it("refuses someone else and a count past the limit in the tab's words, and changes nothing", async () => {
    const before = updates().length;
    const other = await scale(OTHER, 3, 'I need more');
    const route = await request(backend.server)
      .post(`${base}/services/swarm/${web}/scale`)
      .set(asUser(OTHER))
      .send({ replicas: 3, reason: 'I need more' });
    expect(route.status).toBe(403);
    expect(other.isError).toBe(true);
    expect(textOf(other)).toBe(`NotAllowedError: ${route.body.error.message}`);

    const tooMany = await scale(OWNER, 4, 'a lot more');
    const routeTooMany = await request(backend.server)
      .post(`${base}/services/swarm/${web}/scale`)
      .set(asUser(OWNER))
      .send({ replicas: 4, reason: 'a lot more' });
    expect(routeTooMany.status).toBe(400);
    expect(tooMany.isError).toBe(true);
    expect(textOf(tooMany)).toBe(
      `InputError: ${routeTooMany.body.error.message}`,
    );
    expect(routeTooMany.body.error.message).toMatch(/at most 3/);

    expect(updates()).toHaveLength(before);
    expect(
      (await swarm.manager.getService(web).inspect()).Spec.Mode.Replicated
        .Replicas,
    ).toBe(2);
  });

  it('calls only the allow-listed Engine endpoints', () => {
    expect(callsOutsideAllowList(world.proxy.calls)).toEqual([]);
  });
});
