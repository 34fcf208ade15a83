import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { uniqueRunId } from './__testUtils__/dockerFixtures';
import {
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

// Malformed input on every route: always a 4xx with a message a person can
// read, never a 5xx, and nothing reaches the Docker engine.
const runId = uniqueRunId('inputs');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const goodId = 'a'.repeat(64);
const entity = '/api/docker-services/entities/component/default/shop';

let proxy: RecordingProxy;
let server: Awaited<ReturnType<typeof startPluginBackend>>['server'];

beforeAll(async () => {
  proxy = await startRecordingProxy();
  ({ server } = await startPluginBackend({
    entities: [component('shop', { 'docker-services/compose': 'shop/web' })],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'local', url: proxy.url }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        // Every call the engine sees is then one a request made.
        index: { enabled: false },
      },
    },
  }));
});

afterAll(async () => {
  await proxy.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
});

const badEntityRefs = [
  'compo nent/default/shop',
  'component/UPPER/shop',
  'component/default/sh%20op',
  `component/default/${'x'.repeat(64)}`,
  'component/default/%2E%2E',
  'component/-ns/shop',
  '1kind/default/shop',
];
const badHosts = ['%2E%2E', 'a%2Fb', '-local', 'x'.repeat(64), 'lo%00cal'];
const badIds = [
  'abc',
  'a'.repeat(63),
  'a'.repeat(65),
  'A'.repeat(64),
  'g'.repeat(64),
  '..%2F..%2Fimages%2Fjson',
  `${'a'.repeat(60)}%2Fjso`,
];

type Case = {
  method: 'get' | 'post';
  url: string;
  body?: unknown;
  raw?: string;
};

const cases: Case[] = [
  ...badEntityRefs.flatMap(ref => [
    {
      method: 'get' as const,
      url: `/api/docker-services/entities/${ref}/containers`,
    },
    {
      method: 'get' as const,
      url: `/api/docker-services/entities/${ref}/history`,
    },
    {
      method: 'get' as const,
      url: `/api/docker-services/entities/${ref}/containers/local/${goodId}`,
    },
    {
      method: 'post' as const,
      url: `/api/docker-services/entities/${ref}/containers/local/${goodId}/start`,
    },
  ]),
  ...badHosts.flatMap(host => [
    { method: 'get' as const, url: `${entity}/containers/${host}/${goodId}` },
    {
      method: 'post' as const,
      url: `${entity}/containers/${host}/${goodId}/stop`,
    },
  ]),
  ...badIds.flatMap(id => [
    { method: 'get' as const, url: `${entity}/containers/local/${id}` },
    {
      method: 'post' as const,
      url: `${entity}/containers/local/${id}/restart`,
    },
  ]),
  ...['kill', 'exec', 'remove', 'pause', 'START', 'start%00'].map(action => ({
    method: 'post' as const,
    url: `${entity}/containers/local/${goodId}/${action}`,
  })),
  ...[
    { reason: 42 },
    { reason: 'x'.repeat(501) },
    { reason: 'fine', t: 0 },
    { timeout: 1 },
    [],
    'stop',
  ].map(body => ({
    method: 'post' as const,
    url: `${entity}/containers/local/${goodId}/stop`,
    body,
  })),
  {
    method: 'post',
    url: `${entity}/containers/local/${goodId}/stop`,
    raw: '{"reason":',
  },
  {
    method: 'post',
    url: `${entity}/containers/local/${goodId}/stop`,
    body: { reason: 'x'.repeat(20_000) },
  },
  ...[
    'limit=0',
    'limit=1000',
    'limit=abc',
    'before=-1',
    'before=1.5',
    'sort=asc',
  ].map(q => ({
    method: 'get' as const,
    url: `${entity}/history?${q}`,
  })),
  ...[
    'tail=-1',
    'tail=lots',
    'since=yesterday',
    'until=2026-13-45T00:00:00Z',
    'follow=maybe',
    'timestamps=yes',
    'stdout=false&stderr=false',
    'format=html',
    'format=text&follow=true',
    'grep=secret',
  ].map(q => ({
    method: 'get' as const,
    url: `${entity}/containers/local/${goodId}/logs?${q}`,
  })),
  ...badIds.map(id => ({
    method: 'get' as const,
    url: `${entity}/containers/local/${id}/logs`,
  })),
  // Well-formed, but the entity does not exist: 404 without any Docker call.
  {
    method: 'get',
    url: '/api/docker-services/entities/component/default/nope/containers',
  },
  {
    method: 'post',
    url: `/api/docker-services/entities/component/default/nope/containers/local/${goodId}/start`,
  },
];

describe('malformed input', () => {
  it.each(
    cases.map(c => [`${c.method.toUpperCase()} ${c.url.slice(0, 140)}`, c]),
  )('%s answers 4xx with a clear message', async (_name, c) => {
    let req = request(server)[c.method](c.url).set(asUser(OWNER));
    if (c.raw !== undefined) {
      req = req.set('Content-Type', 'application/json').send(c.raw);
    } else if (c.body !== undefined) {
      req = req.send(c.body as object);
    }
    const res = await req;
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const message: string = res.body?.error?.message ?? '';
    expect(message.length).toBeGreaterThan(10);
    expect(message).not.toMatch(
      /docker\.sock|dockerode|statusCode|at .*\.ts:\d+/i,
    );
  });

  it.each([
    ['tail=-1', /tail/],
    ['tail=lots', /tail: must be a number of lines or "all"/],
    ['since=yesterday', /since: must be an RFC 3339 time/],
    ['follow=maybe', /follow: must be true or false/],
    ['stdout=false&stderr=false', /both were turned off/],
    ['format=text&follow=true', /cannot follow/],
    ['grep=secret', /unknown field\(s\) grep/],
  ])(
    'explains what is wrong with the logs query %s',
    async (query, message) => {
      const res = await request(server)
        .get(`${entity}/containers/local/${goodId}/logs?${query}`)
        .set(asUser(OWNER));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('let nothing through to the engine', () => {
    expect(containerCalls(proxy.calls)).toEqual([]);
  });
});
