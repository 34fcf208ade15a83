import { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  entityChannel,
  EntityStatus,
} from '@docker-services/backstage-plugin-docker-services-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import { DockerServicesClient } from '../../api/DockerServicesClient';
import { FakeSignalApi } from '../../hooks/__testUtils__/FakeSignalApi';
import {
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { createDockerServicesStatusColumn } from './createDockerServicesStatusColumn';
import { EntityDockerServicesCardContent } from './DockerServicesCard';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const server = setupServer();
registerMswTestHooks(server);
const STATUS = 'http://localhost:7007/api/docker-services/entities/status';

function component(name: string, annotated = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: annotated
        ? { 'docker-services/compose': `shop/${name}` }
        : {},
    },
    spec: { owner: 'team-shop' },
  };
}
const ref = (name: string) => `component:default/${name}`;

const hoursAgo = (n: number) =>
  new Date(Date.now() - n * 3_600_000).toISOString();

function statusOf(
  name: string,
  overrides: Partial<EntityStatus> = {},
): EntityStatus {
  return {
    entityRef: ref(name),
    level: 'failing',
    containers: {
      level: 'ok',
      total: 2,
      running: 2,
      healthy: 2,
      unhealthy: 0,
      healthStarting: 0,
      restarting: 0,
      conflicts: 0,
    },
    services: [
      {
        level: 'ok',
        host: 'local',
        name: 'demo-shop_api',
        runningTasks: 3,
        desiredTasks: 3,
        updating: false,
      },
    ],
    jobs: {
      level: 'failing',
      total: 1,
      running: 0,
      failed: [
        { host: 'local', name: 'nightly-report', finishedAt: hoursAgo(2) },
      ],
    },
    unavailableHosts: [],
    ...overrides,
  };
}

/** Answers each request from `answer`, and keeps the refs each one asked for. */
function backend(answer: (refs: string[]) => EntityStatus[]) {
  const requests: string[][] = [];
  server.use(
    http.post(STATUS, async ({ request }) => {
      const { entityRefs } = (await request.json()) as { entityRefs: string[] };
      requests.push(entityRefs);
      return HttpResponse.json({ items: answer(entityRefs) });
    }),
  );
  return requests;
}

function apis(signals = new FakeSignalApi()) {
  const client = new DockerServicesClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
  return [
    [dockerServicesApiRef, client],
    [signalApiRef, signals],
  ] as const;
}

async function renderCard(entity: Entity, signals?: FakeSignalApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <div data-testid="overview">
        <EntityDockerServicesCardContent />
      </div>
    </EntityProvider>,
    { apis: apis(signals), mountedRoutes },
  );
}

describe('the overview card', () => {
  it('says what runs in one line per kind of workload, the worst first, from one request, with a link to the tab', async () => {
    const requests = backend(refs => refs.map(r => statusOf(r.split('/')[1])));
    await renderCard(component('shop-web'));

    const lines = await screen.findByTestId('docker-services-status');
    expect(
      within(lines)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'nightly-report failed 2 hours ago',
      '2 of 2 containers running, healthy',
      '3 of 3 tasks of demo-shop_api running',
    ]);
    expect(
      screen.getByRole('link', { name: /Open the Services tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/shop-web/services');
    expect(requests).toEqual([[ref('shop-web')]]);
  });

  it('does not render when nothing is bound to the entity, or the caller may not read it', async () => {
    const requests = backend(refs =>
      refs.includes(ref('empty'))
        ? [
            {
              entityRef: ref('empty'),
              level: 'none',
              services: [],
              unavailableHosts: [],
            },
          ]
        : [],
    );
    await renderCard(component('empty'));
    await waitFor(() => expect(requests).toHaveLength(1));
    await renderCard(component('hidden'));
    await waitFor(() => expect(requests).toHaveLength(2));
    for (const overview of screen.getAllByTestId('overview')) {
      expect(overview).toBeEmptyDOMElement();
    }
  });

  it("is read again when the backend signals a change on the entity's channel, as the tab is", async () => {
    let failed = true;
    const requests = backend(refs =>
      refs.map(r =>
        failed
          ? statusOf(r.split('/')[1])
          : statusOf(r.split('/')[1], {
              level: 'ok',
              jobs: { level: 'ok', total: 1, running: 1, failed: [] },
            }),
      ),
    );
    const signals = new FakeSignalApi();
    await renderCard(component('shop-web'), signals);
    await screen.findByText('nightly-report failed 2 hours ago');

    failed = false;
    act(() =>
      signals.deliver(entityChannel(ref('shop-web')), { change: 'changed' }),
    );
    expect(
      await screen.findByText(
        '1 job, 1 running now, its last run did not fail',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/failed 2 hours ago/)).not.toBeInTheDocument();
    expect(requests).toHaveLength(2);
  });
});

describe('the catalog column', () => {
  it("asks once for the rows' status, only for entities with the annotations, and shows each row's worst line", async () => {
    const requests = backend(refs =>
      refs.map(r =>
        r === ref('api')
          ? statusOf('api', {
              level: 'degraded',
              jobs: undefined,
              containers: undefined,
              services: [
                {
                  level: 'degraded',
                  host: 'local',
                  name: 'shop_api',
                  runningTasks: 2,
                  desiredTasks: 3,
                  updating: false,
                },
              ],
            })
          : statusOf(r.split('/')[1]),
      ),
    );
    const rows = [
      component('web'),
      component('api'),
      component('docs', false),
    ].map(entity => ({ entity, name: entity.metadata.name }));
    await renderInTestApp(
      <Table
        title="Catalog"
        options={{ paging: false, search: false }}
        data={rows}
        columns={[
          { title: 'Name', field: 'name' },
          createDockerServicesStatusColumn(),
        ]}
      />,
      { apis: apis(), mountedRoutes },
    );

    const row = (name: string) => screen.getByText(name).closest('tr')!;
    await waitFor(() =>
      expect(row('web')).toHaveTextContent('Job failed 2 hours ago'),
    );
    expect(row('api')).toHaveTextContent('2 of 3 tasks running');
    // Every line in full on hover.
    expect(
      screen.getByTitle(
        /^nightly-report failed 2 hours ago · 2 of 2 containers running, healthy · 3 of 3 tasks of demo-shop_api running$/,
      ),
    ).toBeTruthy();
    expect(row('docs')).toHaveTextContent(/^docs$/);
    expect(screen.getByRole('columnheader', { name: 'Docker' })).toBeTruthy();
    expect(requests).toEqual([[ref('web'), ref('api')]]);
  });
});
