import request from 'supertest';
import { assistantCalls } from '../__testUtils__/assistantCalls';
import { useAssistantWorld } from '../__testUtils__/assistantWorld';
import { expectRefusal, textOf } from '../__testUtils__/mcpClient';
import { callsOutsideAllowList } from '../__testUtils__/recordingProxy';
import { eventually } from '../__testUtils__/eventually';
import { asService, asUser, OTHER, OWNER } from '../__testUtils__/testBackend';
import { plainLines } from './plainLines';

// The assistant's tools over MCP, as the owner, as someone else and as a
// service: the same answers, refusals, record and audit as the HTTP routes.
const w = useAssistantWorld();
const { call, connect, auditEvents } = w;
const base = w.base;

const calls = assistantCalls(w);
const { byOther, byOwner, get, readLog } = calls;
const { expectSameBody, expectRouteLines, restartCalls, address } = calls;

describe('the assistant actions over MCP', () => {
  it('are listed with what they do and whether they change anything', async () => {
    const client = await connect(asUser(OTHER));
    const { tools } = await client.listTools();
    await client.close();
    const byName = new Map(tools.map(t => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(
      [
        'explain-container-state',
        'find-container-owner',
        'list-entity-workloads',
        'read-container-log',
        'read-job-run-log',
        'restart-container',
        'run-job-now',
        'scale-swarm-service',
        'start-container',
        'stop-container',
      ].map(n => `docker-services.${n}`),
    );
    const hints = (n: string) =>
      byName.get(`docker-services.${n}`)!.annotations;
    expect(hints('list-entity-workloads')).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(hints('restart-container')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    });
    expect(hints('start-container')).toMatchObject({
      destructiveHint: false,
      idempotentHint: true,
    });
    expect(
      byName.get('docker-services.restart-container')!.inputSchema.required,
    ).toContain('reason');
  });

  it('read what the HTTP routes answer the same person', async () => {
    const http = (url: string) => get(url).expect(200);

    const workloads = await byOther('list-entity-workloads', {
      entity: 'shop',
    });
    expect(textOf(workloads)).not.toMatch(/Error/);
    expect(workloads.isError).toBeFalsy();
    const listed = workloads.structuredContent;
    expectSameBody(listed.containers, (await http(`${base}/containers`)).body);
    expectSameBody(listed.services, (await http(`${base}/services`)).body);
    expectSameBody(listed.jobs, (await http(`${base}/jobs`)).body);
    expect(listed.summary).toEqual([
      expect.stringMatching(
        new RegExp(`^${w.runId}-shop-1 on local: running since \\d{4}-`),
      ),
      `Job ${w.runId}-shop-report on local: not running; it has not run yet.`,
    ]);

    const containerUrl = `${base}/containers/local/${w.shop.id}`;
    const explained = await byOther('explain-container-state', address());
    const routeDiagnosis = (await http(`${containerUrl}/diagnosis`)).body;
    expect(explained.structuredContent.diagnosis).toEqual({
      ...routeDiagnosis,
      lastLines: plainLines(routeDiagnosis.lastLines),
    });

    const log = await readLog(3);
    await expectRouteLines(log, `${containerUrl}/logs?tail=3&timestamps=true`);
    expect(log.structuredContent.lines.map((l: any) => l.line)).toEqual([
      'first',
      'red cleared',
      'last',
    ]);

    const found = await byOther('find-container-owner', {
      query: w.runId,
    });
    expectSameBody(
      found.structuredContent.result,
      (
        await http(
          `/api/docker-services/fleet/containers?q=${w.runId}&limit=20`,
        )
      ).body,
    );
    expect(auditEvents()).toContainEqual(
      expect.objectContaining({
        eventId: 'container-list',
        severityLevel: 'low',
        meta: {
          entityRef: 'component:default/shop',
          channel: 'assistant',
          actor: OTHER,
        },
      }),
    );
    expect(found.structuredContent.summary[0]).toContain(
      'entity component:default/shop',
    );
  });

  it("restart for the owner, recorded with the reason and 'via assistant'", async () => {
    const answer = await byOwner('restart-container', {
      ...address(),
      reason: 'stuck after the deploy',
    });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent.result).toMatchObject({
      action: 'restart',
      changed: true,
    });
    expect(restartCalls()).toHaveLength(1);

    const history = await get(`${base}/history`).expect(200);
    expect(history.body.items[0]).toMatchObject({
      actor: OWNER,
      action: 'restart',
      containerId: w.shop.id,
      reason: 'stuck after the deploy',
      channel: 'assistant',
      outcome: 'succeeded',
    });
    // The audit event has no HTTP request to name the person: its meta does.
    expect(auditEvents()).toContainEqual(
      expect.objectContaining({
        eventId: 'container-action',
        severityLevel: 'medium',
        meta: expect.objectContaining({
          action: 'restart',
          entityRef: 'component:default/shop',
          reason: 'stuck after the deploy',
          channel: 'assistant',
          actor: OWNER,
        }),
      }),
    );
  });

  it("run a job for the owner, and read that run's log as the drawer does", async () => {
    const job = { ...address(), containerId: w.job.id };
    const answer = await byOwner('run-job-now', {
      ...job,
      reason: 'the report is needed now',
    });
    expect(textOf(answer)).not.toMatch(/Error/);
    const jobUrl = `${base}/containers/local/${w.job.id}`;
    const runs = await eventually(
      async () => (await get(`${jobUrl}/runs`)).body.items,
      (items: any[]) => items.length === 1 && items[0].outcome !== 'running',
    );
    const history = await get(`${base}/history`);
    expect(history.body.items[0]).toMatchObject({
      actor: OWNER,
      action: 'start',
      containerId: w.job.id,
      reason: 'the report is needed now',
      channel: 'assistant',
    });

    const log = await byOther('read-job-run-log', {
      ...job,
      runId: runs[0].id,
      lines: 10,
    });
    await expectRouteLines(
      log,
      `${jobUrl}/runs/${runs[0].id}/logs?tail=10&timestamps=true`,
    );
    expect(log.structuredContent.lines.map((l: any) => l.line)).toEqual([
      'report',
      'done',
    ]);
  });

  it("refuse someone else with the tab's words, and Docker is not called", async () => {
    const before = restartCalls().length;
    const answer = await byOther('restart-container', {
      ...address(),
      reason: 'I think it is stuck',
    });
    const route = await request(w.backend.server)
      .post(`${base}/containers/local/${w.shop.id}/restart`)
      .set(asUser(OTHER))
      .send({ reason: 'I think it is stuck' })
      .expect(403);
    expectRefusal(answer, `NotAllowedError: ${route.body.error.message}`);
    expect(route.body.error.message).toBe(
      'You are not allowed to restart the containers of component:default/shop',
    );
    expect(restartCalls()).toHaveLength(before);
  });

  it('refuse a service token for every action that changes something', async () => {
    const before = w.proxy.calls.length;
    for (const [name, args] of [
      ['restart-container', { ...address(), reason: 'from a script' }],
      ['stop-container', { ...address(), reason: 'from a script' }],
      ['run-job-now', { ...address(), reason: 'from a script' }],
    ] as const) {
      expectRefusal(
        await call(asService(), name, args),
        /^NotAllowedError: Only a signed-in person can .* never as a service\.$/,
      );
    }
    const containerCalls = w.proxy.calls
      .slice(before)
      .filter(c => c.startsWith('POST'));
    expect(containerCalls).toEqual([]);
  });

  it('refuse an action without a reason, or a ref that is not one, in words', async () => {
    expectRefusal(
      await byOwner('stop-container', address()),
      /^InputError: Invalid input/,
    );
    expectRefusal(
      await byOwner('stop-container', {
        ...address(),
        entity: 'component:default/../shop',
        reason: 'tidy up',
      }),
      'InputError: "component:default/../shop" is not an entity reference: write kind:namespace/name, such as component:default/shop-web.',
    );
    expect(
      w.proxy.calls.filter(c => c.startsWith('POST /containers/')),
    ).not.toContain(`POST /containers/${w.shop.id}/stop`);
  });

  it("count a log read with the person's open logs, under the same limit", async () => {
    // Two followed logs open in the person's pages: their limit is two.
    const followers = await Promise.all(
      [1, 2].map(() =>
        w.follow(
          asUser(OTHER),
          `${base}/containers/local/${w.shop.id}/logs?follow=true&tail=1`,
        ),
      ),
    );
    try {
      expectRefusal(
        await readLog(3),
        /^ServiceUnavailableError: You already have 2 logs open, the most one person may read at once\. Try again in 5 seconds/,
      );
    } finally {
      followers.forEach(req => req.destroy());
    }
    // Once the pages' logs are closed, the assistant may read again.
    const read = await eventually(
      () => readLog(3),
      answer => !answer.isError,
    );
    expect(read.structuredContent.lines.length).toBeGreaterThan(0);
  });

  it('kept to the Engine API allow-list', () => {
    expect(w.proxy.calls.length).toBeGreaterThan(5);
    expect(callsOutsideAllowList(w.proxy.calls)).toEqual([]);
  });
});
