import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ContainerListResponse,
  EntityStatus,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Server } from 'node:http';
import request from 'supertest';
import { dockerServicesPlugin } from './plugin';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from './__testUtils__/dockerFixtures';
import { eventually } from './__testUtils__/eventually';
import {
  RecordingProxy,
  startRecordingProxy,
} from './__testUtils__/recordingProxy';
import {
  component,
  isCatalogRead,
  OTHER,
  OWNER,
  TEST_REQUEST_TIMEOUT_MS,
} from './__testUtils__/testBackend';

// Integration: the batched status route through the real backend wiring,
// against the real Docker engine, with a policy that hides an entity from
// one user in the catalog and denies them another entity's containers.
const runId = uniqueRunId('status');
const project = runId.replace(/[^a-z0-9-]/g, '');
const ref = (name: string) => `component:default/${name}`;
const STATUS = '/api/docker-services/entities/status';

const entities: Entity[] = [
  component('web', { 'docker-services/compose': `${project}/web` }),
  component('reports', { 'docker-services/compose': `${project}/reports` }),
  // OTHER may see it in the catalog, but not its containers.
  component('secret', { 'docker-services/compose': `${project}/secret` }),
  // The catalog does not show it to OTHER at all.
  component('hidden', { 'docker-services/compose': `${project}/hidden` }),
];

const isOther = (options?: { credentials?: any }) =>
  options?.credentials?.principal?.userEntityRef === OTHER;

let proxy: RecordingProxy;
let server: Server;
let stopBackend: () => Promise<void>;

const asUser = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

async function status(user: string, entityRefs: unknown) {
  return request(server)
    .post(STATUS)
    .set(asUser(user))
    .send({ entityRefs } as object);
}

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const labels = (service: string, extra: Record<string, string> = {}) => ({
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'docker-services.entity': ref(service),
    ...extra,
  });
  await Promise.all([
    createTestContainer({ runId, name: 'web-1', labels: labels('web') }),
    createTestContainer({ runId, name: 'web-2', labels: labels('web') }),
    createTestContainer({
      runId,
      name: 'web-3',
      labels: labels('web'),
      start: false,
    }),
    createTestContainer({ runId, name: 'secret-1', labels: labels('secret') }),
    createTestContainer({ runId, name: 'hidden-1', labels: labels('hidden') }),
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
          },
        },
      }),
      mockServices.permissions.mock({
        // The catalog does not show OTHER `hidden` at all; OTHER sees
        // `secret` there, but not its containers.
        authorize: async (requests, options) =>
          requests.map(r => {
            const about = 'resourceRef' in r ? r.resourceRef : undefined;
            const denied = isCatalogRead(r)
              ? about === ref('hidden')
              : about === ref('secret');
            return {
              result:
                isOther(options) && denied
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            };
          }),
      }).factory,
    ],
  });
  server = backend.server;
  stopBackend = () => backend.stop();
  // A job of `reports` whose run fails, recorded from Docker's events.
  const job = await createTestContainer({
    runId,
    name: 'report-job',
    labels: labels('reports', { 'docker-services.job': 'true' }),
    cmd: ['sh', '-c', 'exit 3'],
  });
  const jobs = await eventually(
    async () =>
      (
        await request(server)
          .get('/api/docker-services/entities/component/default/reports/jobs')
          .set(asUser(OWNER))
      ).body,
    body => body.jobs?.[0]?.lastRun?.outcome === 'failed',
  );
  if (jobs.jobs?.[0]?.containerId !== job.id) {
    throw new Error(
      `The job's failed run was not recorded: ${JSON.stringify(jobs)}`,
    );
  }
}, 120_000);

afterAll(async () => {
  await stopBackend?.();
  await removeTestContainers(runId);
  await proxy?.close();
}, 60_000);

describe('POST /entities/status on the real engine', () => {
  it('counts what the single route lists, and the failed run of a job with its time', async () => {
    const res = await status(OWNER, [ref('web'), ref('reports')]);
    expect(res.status).toBe(200);
    const [web, reports] = res.body.items as EntityStatus[];

    const list: ContainerListResponse = (
      await request(server)
        .get('/api/docker-services/entities/component/default/web/containers')
        .set(asUser(OWNER))
    ).body;
    const listed = list.hosts.flatMap(h =>
      h.status === 'ok' ? h.containers : [],
    );
    expect(web).toMatchObject({
      entityRef: ref('web'),
      level: 'degraded',
      containers: {
        total: listed.length,
        running: listed.filter(c => c.state === 'running').length,
      },
      unavailableHosts: [],
    });
    expect(web.containers).toMatchObject({ total: 3, running: 2 });

    expect(reports).toMatchObject({
      entityRef: ref('reports'),
      level: 'failing',
      jobs: {
        level: 'failing',
        total: 1,
        running: 0,
        failed: [
          {
            host: 'local',
            name: `${runId}-report-job`,
            exitCode: 3,
            finishedAt: expect.stringMatching(/^\d{4}-/),
          },
        ],
      },
    });
    // A job is counted as a job only, never as a stopped container.
    expect(reports.containers).toBeUndefined();
  });

  it('tells a caller nothing about an entity they may not read: hidden, denied and missing look alike', async () => {
    const asked = [ref('secret'), ref('hidden'), ref('missing'), ref('web')];
    const owner = await status(OWNER, asked);
    expect(owner.body.items.map((i: EntityStatus) => i.entityRef)).toEqual([
      ref('secret'),
      ref('hidden'),
      ref('web'),
    ]);

    const other = await status(OTHER, asked);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({
      items: [expect.objectContaining({ entityRef: ref('web') })],
    });
    // The single routes agree: 403 for the denied, 404 for the hidden one.
    const single = async (name: string) =>
      (
        await request(server)
          .get(
            `/api/docker-services/entities/component/default/${name}/containers`,
          )
          .set(asUser(OTHER))
      ).status;
    expect([await single('secret'), await single('hidden')]).toEqual([
      403, 404,
    ]);
    expect(JSON.stringify(other.body)).not.toMatch(/secret|hidden/);
  });

  it('refuses more than 100 refs and a malformed one with a 400 in words', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ref(`c${i}`));
    const tooMany = await status(OWNER, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(
      /at most 100 entities per request/,
    );
    const malformed = await status(OWNER, [ref('web'), 'web']);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(
      /Not an entity ref: "web"\. Write each as kind:namespace\/name/,
    );
  });

  it('answers from the container index: no container call to Docker per request once it is live', async () => {
    const asked = entities.map(e => stringifyEntityRef(e));
    const during = await eventually(
      async () => {
        const before = proxy.calls.length;
        const res = await status(OWNER, asked);
        expect(res.status).toBe(200);
        return proxy.calls.slice(before);
      },
      calls => !calls.some(call => call.includes('/containers/')),
    );
    expect(during.filter(call => call.includes('/containers/'))).toEqual([]);
  });
});
