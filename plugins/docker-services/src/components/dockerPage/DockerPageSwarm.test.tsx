import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { MyServicesResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import { DockerServicesClient } from '../../api/DockerServicesClient';
import {
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { FindContainer } from './FindContainer';
import { MyServices } from './MyServices';
import { hosts, serviceSearchResponse } from './__testUtils__/fleetFixtures';

// Swarm services and failing jobs on the Docker page, through the real
// client against a stand-in backend (msw).

jest.setTimeout(UI_TEST_TIMEOUT_MS);
const server = setupServer();
registerMswTestHooks(server);
const base = 'http://localhost:7007/api/docker-services';

function render(element: JSX.Element) {
  const client = new DockerServicesClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
  return renderInTestApp(element, {
    apis: [[dockerServicesApiRef, client]],
    mountedRoutes,
  });
}

describe('the Docker page with Swarm services and jobs', () => {
  it('shows a found service and a failing job, one row each, with entity, owner and state in words', async () => {
    server.use(
      http.get(`${base}/fleet/containers`, () =>
        HttpResponse.json(serviceSearchResponse),
      ),
    );
    await render(<FindContainer />);

    const service = await screen.findByTestId('service-demo-shop_api');
    const cells = within(service);
    expect(
      cells.getByRole('rowheader', { name: /demo-shop_api stack demo-shop/ }),
    ).toBeInTheDocument();
    expect(
      cells.getByText('2 of 3 running, 1 starting on vm'),
    ).toBeInTheDocument();
    expect(
      cells.getByText('demo-shop_api.1: running on vm for 6 minutes'),
    ).toBeInTheDocument();
    expect(
      cells.getByRole('link', { name: 'shop-api: Services tab' }),
    ).toHaveAttribute('href', '/catalog/default/component/shop-api/services');
    expect(
      cells.getByRole('link', {
        name: 'E-mail Team Shop: team-shop@example.com',
      }),
    ).toBeInTheDocument();

    const job = within(screen.getByTestId('failing-job-api-report-1'));
    expect(
      job.getByText(/^Last run failed 2 hours ago \(exit code 3: /),
    ).toBeInTheDocument();
    expect(
      job.getByRole('link', { name: 'shop-api: Services tab' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('results-count')).toHaveTextContent(
      '1 Swarm service and 1 failing job.',
    );
    // Failing jobs first, then services; no empty containers table.
    expect(screen.getAllByRole('table').map(t => t.getAttribute('id'))).toEqual(
      ['docker-fleet-failing-jobs', 'docker-fleet-services'],
    );
  });

  it('lists my services with their Swarm services and failing jobs', async () => {
    const mine: MyServicesResponse = {
      entities: [
        {
          ref: 'component:default/shop-api',
          kind: 'Component',
          namespace: 'default',
          name: 'shop-api',
          level: 'failing',
          containers: [],
          services: [
            {
              host: 'local',
              id: 'ux0mpyngtfta0000000000000',
              name: 'demo-shop_api',
              image: 'busybox:1',
              mode: 'replicated',
              desiredTasks: 3,
              runningTasks: 3,
              summary: '3 of 3 running',
              tasks: [],
              createdAt: '2026-12-06T05:00:00Z',
              updatedAt: '2026-12-06T05:00:00Z',
              scaleLimits: { min: 0, max: 10 },
            },
          ],
          failingJobs: [{ host: 'local', name: 'api-report-1', exitCode: 1 }],
        },
      ],
      hosts,
    };
    server.use(http.get(`${base}/fleet/mine`, () => HttpResponse.json(mine)));
    await render(<MyServices />);

    const [card] = await screen.findAllByTestId('my-service');
    expect(card).toHaveTextContent(
      'Swarm service demo-shop_api on local: 3 of 3 running',
    );
    expect(card).toHaveTextContent(
      'Job api-report-1 on local: Last run failed (exit code 1: the program reported an error)',
    );
    // No container summary for an entity that runs none.
    expect(card).not.toHaveTextContent(/running;|of 0/);
  });
});
