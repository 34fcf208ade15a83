import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LiveStatsEvent,
  StatsSample,
} from '@docker-services/backstage-plugin-docker-services-common';
import Docker from 'dockerode';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { dockerServicesPlugin } from '../plugin';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from '../__testUtils__/dockerFixtures';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import {
  component,
  isCatalogRead,
  OTHER,
  OWNER,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// Integration: live charts through the real backend wiring, against the
// real engine behind a recording proxy: however many people watch, Docker
// is asked for one stats stream per container, and none stays open after
// they leave.
const runId = uniqueRunId('livestats');
const project = runId.replace(/[^a-z0-9-]/g, '');
const entities: Entity[] = [
  component('charts', { 'docker-services/compose': `${project}/charts` }),
  component('elsewhere', { 'docker-services/compose': `${project}/elsewhere` }),
];
/** Not allowed to read `charts` in the catalog. */
const NON_READER = 'user:default/not-a-reader';

let proxy: RecordingProxy;
let server: http.Server;
let stopBackend: () => Promise<void>;
let busy: Docker.Container;
let stopped: Docker.Container;

const liveUrl = (c: Docker.Container, entity = 'charts') =>
  `/api/docker-services/entities/component/default/${entity}/containers/local/${c.id}/stats/live`;
const asUser = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const statsStreams = () =>
  proxy
    .openRequests()
    .filter(r => /\/containers\/[0-9a-f]{64}\/stats$/.test(r));

/** Opens the live route as `user`; collects its events until closed. */
function watch(user: string, c: Docker.Container) {
  const events: LiveStatsEvent[] = [];
  const address = server.address() as AddressInfo;
  const req = http.get({
    host: '127.0.0.1',
    port: address.port,
    path: liveUrl(c),
    headers: asUser(user),
  });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', res => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) events.push(JSON.parse(line));
      });
      resolve(res);
    });
    req.on('error', reject);
  });
  return { events, response, close: () => req.destroy() };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`Never happened: ${what}`);
}

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const labels = (service: string) => ({
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'docker-services.entity': `component:default/${service}`,
  });
  [busy, stopped] = await Promise.all([
    // Burns one CPU: its chart must show it.
    createTestContainer({
      runId,
      name: 'busy',
      labels: labels('charts'),
      cmd: ['sh', '-c', 'while :; do :; done'],
    }),
    createTestContainer({
      runId,
      name: 'stopped',
      labels: labels('charts'),
      start: false,
    }),
  ]);
  const backend = await startTestBackend({
    features: [
      dockerServicesPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          dockerServices: {
            hosts: [{ name: 'local', url: proxy.url }],
            requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
            liveStats: { intervalSeconds: 1, graceSeconds: 1 },
          },
        },
      }),
      mockServices.permissions.mock({
        // The catalog does not show NON_READER `charts`.
        authorize: async (requests, options) =>
          requests.map(r => ({
            result:
              (options?.credentials.principal as any).userEntityRef ===
                NON_READER && isCatalogRead(r, 'component:default/charts')
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      }).factory,
    ],
  });
  server = backend.server;
  stopBackend = () => backend.stop();
}, 120_000);

afterAll(async () => {
  await stopBackend?.();
  await removeTestContainers(runId);
  await proxy?.close();
}, 60_000);

describe('GET …/stats/live on the real engine', () => {
  it('serves five viewers from one Docker stats stream, and closes it after they leave', async () => {
    const before = proxy.calls.length;
    const viewers = [OWNER, OTHER, OWNER, OTHER, OWNER].map(user =>
      watch(user, busy),
    );
    const responses = await Promise.all(viewers.map(v => v.response));
    expect(responses.map(r => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(responses[0].headers['content-type']).toMatch(
      /^application\/x-ndjson/,
    );
    await until(
      () =>
        viewers.every(
          v => v.events.filter(e => e.event === 'sample').length >= 2,
        ),
      'two samples for every viewer',
    );
    for (const v of viewers) expect(v.events[0].event).toBe('history');
    const samples = viewers[0].events.flatMap(e =>
      e.event === 'sample' ? [e.sample] : [],
    ) as StatsSample[];
    // A busy loop keeps a core busy (on a loaded machine, at least a share of it).
    expect(Math.max(...samples.map(s => s.cpuPercent))).toBeGreaterThan(10);
    expect(samples[0].memoryLimitBytes).toBeGreaterThan(0);

    const statsCalls = proxy.calls
      .slice(before)
      .filter(c => c.endsWith(`/containers/${busy.id}/stats`));
    expect(statsCalls).toHaveLength(1);
    expect(statsStreams()).toHaveLength(1);

    // A viewer who comes later gets the history so far, from the same stream.
    const late = watch(OTHER, busy);
    await until(() => late.events.length > 0, 'the late viewer is answered');
    const history = late.events[0];
    expect(
      history.event === 'history' && history.samples.length,
    ).toBeGreaterThanOrEqual(2);
    expect(statsStreams()).toHaveLength(1);

    [...viewers, late].forEach(v => v.close());
    await until(() => statsStreams().length === 0, 'the stats stream closes');
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });

  it('answers a container that is not running with a 409 in words', async () => {
    const res = await request(server).get(liveUrl(stopped)).set(asUser(OWNER));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `${runId}-stopped is not running, so there is nothing to chart. Start it to see its CPU, memory and network use.`,
    );
  });

  it('tells a caller who may not read the entity, or asks through another entity, nothing: 404', async () => {
    const opened = proxy.calls.filter(c => c.endsWith('/stats')).length;
    const hidden = await request(server)
      .get(liveUrl(busy))
      .set(asUser(NON_READER));
    expect(hidden.status).toBe(404);
    const other = await request(server)
      .get(liveUrl(busy, 'elsewhere'))
      .set(asUser(OWNER));
    expect(other.status).toBe(404);
    expect(hidden.body.error.message).not.toMatch(/busy/);
    expect(proxy.calls.filter(c => c.endsWith('/stats')).length).toBe(opened);
  });
});
