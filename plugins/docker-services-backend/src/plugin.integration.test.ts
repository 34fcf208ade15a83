import { TEST_REQUEST_TIMEOUT_MS } from './__testUtils__/testBackend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { dockerServicesPlugin } from './plugin';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from './__testUtils__/dockerFixtures';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from './__testUtils__/recordingProxy';

// Integration tests: the real backend wiring against the real Docker engine.
const runId = uniqueRunId('plugin');
const project = runId.replace(/[^a-z0-9-]/g, '');

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const entities = [
  component('api', { 'docker-services/compose': `${project}/api` }),
  component('by-label', {
    'docker-services/label-selector': `com.docker.compose.project=${project},tier=backend`,
  }),
  component('bad-annotation', { 'docker-services/label-selector': 'app' }),
  component('wildcard', { 'docker-services/label-selector': 'app=*' }),
  component('unknown-host', {
    'docker-services/compose': `${project}/api`,
    'docker-services/hosts': 'local,nowhere',
  }),
];

let proxy: RecordingProxy;
const config = (trustCatalogAnnotations = false) => ({
  dockerServices: {
    hosts: [
      { name: 'local', url: proxy.url, trustCatalogAnnotations },
      { name: 'down', socketPath: `/tmp/${runId}-no-engine.sock` },
    ],
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
  },
});

type Decision = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * The policy answers `permissionResult` for the plugin's permissions and
 * `catalogRead` for the catalog's own read (whether the catalog shows the
 * caller the entity at all).
 */
async function startBackend(
  permissionResult: Decision = AuthorizeResult.ALLOW,
  trustCatalogAnnotations = false,
  catalogRead: Decision = AuthorizeResult.ALLOW,
) {
  const { server } = await startTestBackend({
    features: [
      dockerServicesPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: config(trustCatalogAnnotations),
      }),
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              r.permission.name === catalogEntityReadPermission.name
                ? catalogRead
                : permissionResult,
          })),
      }).factory,
    ],
  });
  return server;
}

const listPath = (name: string) =>
  `/api/docker-services/entities/component/default/${name}/containers`;

describe('GET /entities/:kind/:namespace/:name/containers', () => {
  beforeAll(async () => {
    proxy = await startRecordingProxy();
    await Promise.all([
      createTestContainer({
        runId,
        name: 'api-1',
        labels: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': 'api',
          'com.docker.compose.container-number': '1',
          'docker-services.entity': 'component:default/api',
          tier: 'backend',
        },
      }),
      createTestContainer({
        runId,
        name: 'api-2',
        start: false,
        labels: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': 'api',
          'com.docker.compose.container-number': '2',
          'docker-services.entity': 'component:default/api',
        },
      }),
      createTestContainer({
        runId,
        name: 'other',
        labels: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': 'other',
          tier: 'backend',
        },
      }),
      createTestContainer({ runId, name: 'unlabelled' }),
    ]);
  });

  afterAll(async () => {
    await removeTestContainers(runId);
    await proxy.close();
  });

  it("returns exactly the entity's containers from the real engine", async () => {
    const server = await startBackend();
    const res = await request(server).get(listPath('api'));

    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/api');
    expect(res.body.selector).toEqual([
      `com.docker.compose.project=${project}`,
      'com.docker.compose.service=api',
    ]);
    const local = res.body.hosts.find((h: any) => h.name === 'local');
    expect(local.status).toBe('ok');
    expect(local.containers.map((c: any) => c.name)).toEqual([
      `${runId}-api-1`,
      `${runId}-api-2`,
    ]);
    const [running, created] = local.containers;
    expect(running).toMatchObject({
      host: 'local',
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      state: 'running',
      image: 'docker-services-demo/busybox:latest',
      startedAt: expect.any(String),
      restartCount: 0,
      compose: { project, service: 'api', number: 1 },
    });
    expect(created.state).toBe('created');
    expect(created.startedAt).toBeUndefined();
    // Only named fields cross the wire: no labels, env or mounts.
    expect(Object.keys(running)).not.toEqual(
      expect.arrayContaining(['labels', 'Labels', 'env', 'Env', 'mounts']),
    );
  });

  it('on a host that trusts catalog annotations, binds what every pair of a label selector matches and no label binds', async () => {
    const server = await startBackend(AuthorizeResult.ALLOW, true);
    const res = await request(server).get(listPath('by-label'));

    expect(res.status).toBe(200);
    const local = res.body.hosts.find((h: any) => h.name === 'local');
    // api-1 matches too, but its own label binds it to component:default/api.
    expect(local.containers.map((c: any) => c.name)).toEqual([
      `${runId}-other`,
    ]);
  });

  it('on a host that does not, binds nothing by annotation and says why', async () => {
    const server = await startBackend();
    const res = await request(server).get(listPath('by-label'));

    expect(res.status).toBe(200);
    const local = res.body.hosts.find((h: any) => h.name === 'local');
    expect(local.containers).toEqual([]);
    expect(local.emptyReason).toMatch(
      /No container on host local is bound to this entity\. A container belongs to component:default\/by-label when it carries the label docker-services\.entity=component:default\/by-label .* does not take catalog annotations alone as proof/,
    );
  });

  it('reports a dead host as unavailable and still lists the other', async () => {
    const server = await startBackend();
    const res = await request(server).get(listPath('api'));

    expect(res.status).toBe(200);
    expect(res.body.hosts).toEqual([
      expect.objectContaining({ name: 'local', status: 'ok' }),
      {
        name: 'down',
        status: 'unavailable',
        error: expect.stringMatching(
          /^Docker host "down" is unavailable: no Docker engine is running/,
        ),
      },
    ]);
    expect(res.body.hosts[0].containers).toHaveLength(2);
  });

  it('explains an annotation that would match too much', async () => {
    const server = await startBackend();
    for (const name of ['bad-annotation', 'wildcard']) {
      const res = await request(server).get(listPath(name));
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/docker-services\/label-selector/);
    }
  });

  it('refuses an annotation naming a host that is not configured', async () => {
    const server = await startBackend();
    const res = await request(server).get(listPath('unknown-host'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /"nowhere", which is not configured/,
    );
  });

  it('answers 404 for an entity the caller cannot see', async () => {
    const server = await startBackend();
    const res = await request(server).get(listPath('no-such-component'));
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 400 for a malformed entity reference', async () => {
    const server = await startBackend();
    const res = await request(server).get(
      '/api/docker-services/entities/component/default/bad%20name!/containers',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /entity reference in the URL is not valid/,
    );
  });

  it('answers 403 when the policy denies reading', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    const res = await request(server).get(listPath('api'));
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('answers 404, as for a missing entity, when the policy hides the entity in the catalog', async () => {
    // The catalog asks the policy about catalog.entity.read; the plugin,
    // which reads the entity once for everyone, asks it for the caller.
    const server = await startBackend(
      AuthorizeResult.ALLOW,
      false,
      AuthorizeResult.DENY,
    );
    const hidden = await request(server).get(listPath('api'));
    const missing = await request(server).get(listPath('no-such-entity'));
    expect([hidden.status, hidden.body.error.name]).toEqual([
      404,
      'NotFoundError',
    ]);
    expect(hidden.body.error.message).toBe(
      'No entity component:default/api was found',
    );
    expect(missing.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain(project);
  });

  it('answers 401 without credentials', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(listPath('api'))
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('kept to the Engine API allow-list', () => {
    expect(proxy.calls.length).toBeGreaterThan(0);
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
