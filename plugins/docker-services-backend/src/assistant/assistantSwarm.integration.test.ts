import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { uniqueRunId } from '../__testUtils__/dockerFixtures';
import { waitFor } from '../__testUtils__/eventually';
import { callTool, mcpUrlOf, textOf } from '../__testUtils__/mcpClient';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import { sharedSwarm } from '../__testUtils__/swarmWorld';
import {
  asUser,
  component,
  OTHER,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// scale-swarm-service over MCP against the real two-node Swarm shared by the
// suites (scripts/swarm-nodes): the owner scales a service within the
// portal's limits, with the reason and "via assistant" in the history;
// someone else and a count past the limit are refused in the tab's words,
// and the manager is not asked to change anything.
const swarm = sharedSwarm();
const runId = uniqueRunId('mcpswarm');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const base = '/api/docker-services/entities/component/default/shop';
let proxy: RecordingProxy;
let backend: Awaited<ReturnType<typeof startPluginBackend>>;
let url: URL;
let web: string;

const running = async () =>
  (await swarm.tasks(web)).filter(
    t => t.desiredState === 'running' && t.state === 'running',
  ).length;
const updates = () =>
  proxy.calls.filter(c => c.startsWith(`POST /services/${web}/update`));
const scale = (as: string, replicas: number, reason?: string) =>
  callTool(url, asUser(as), 'scale-swarm-service', {
    entity: 'component:default/shop',
    host: 'swarm',
    serviceId: web,
    replicas,
    ...(reason ? { reason } : {}),
  });

beforeAll(async () => {
  proxy = await startRecordingProxy(swarm.socketPath);
  web = await swarm.createService({
    runId,
    name: 'web',
    replicas: 1,
    entityRef: 'component:default/shop',
    labels: { app: runId },
  });
  await swarm.waitForRunning(web, 1);
  backend = await startPluginBackend({
    entities: [
      component('shop', { 'docker-services/label-selector': `app=${runId}` }),
    ],
    config: {
      backend: {
        database: testDatabaseConfig(runId, sqliteDir),
        actions: { pluginSources: ['docker-services'] },
      },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'swarm', url: proxy.url }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        swarm: { maxReplicas: 3 },
      },
    },
    extraFeatures: [mcpActionsPlugin],
  });
  url = mcpUrlOf(backend.server);
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  await swarm.cleanup(runId);
  await proxy?.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
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
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
