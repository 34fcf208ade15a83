import { renderInTestApp, renderTestApp } from '@backstage/frontend-test-utils';
import { MyServicesResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../../api/DockerServicesApi';
import {
  fastUser,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { dockerServicesPlugin } from '../../plugin';
import { DockerPageContent, LegacyDockerPage } from './DockerPage';
import { FindContainer } from './FindContainer';
import { MyServices } from './MyServices';
import {
  boundContainer,
  hosts,
  myServicesResponse,
  searchResponse,
} from './__testUtils__/fleetFixtures';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

function fakeFleetApi(
  mine: MyServicesResponse = myServicesResponse,
): jest.Mocked<Pick<DockerServicesApi, 'searchFleet' | 'listMyServices'>> {
  return {
    searchFleet: jest.fn(async ({ q }) =>
      q === 'nothing-like-this'
        ? { ...searchResponse, containers: [] }
        : searchResponse,
    ),
    listMyServices: jest.fn(async () => mine),
  };
}

function render(element: JSX.Element, api = fakeFleetApi()) {
  return renderInTestApp(element, {
    apis: [[dockerServicesApiRef, api as unknown as DockerServicesApi]],
    mountedRoutes,
  });
}

async function resultRow(name: string): Promise<HTMLElement> {
  return screen.findByTestId(`result-${name}`);
}

describe('Find a container', () => {
  it('shows each container with its entity, linked to its Services tab, and its owner with contact', async () => {
    await render(<FindContainer />);

    const row = await resultRow('shop-web-1');
    const cells = within(row);
    expect(cells.getByText(/^Running for 3 hours/)).toBeInTheDocument();
    expect(cells.getByText('local')).toBeInTheDocument();
    expect(cells.getByText('shop:1')).toBeInTheDocument();
    expect(cells.getByText('Shop web').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/shop-web/services',
    );
    expect(cells.getByText('Team Shop').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-shop',
    );
    expect(
      cells.getByText('team-shop@example.com').closest('a'),
    ).toHaveAttribute('href', 'mailto:team-shop@example.com');
    expect(cells.getByText('#team-shop').closest('a')).toHaveAttribute(
      'href',
      boundContainer.entity!.owner!.chat!.url,
    );
  });

  it('says in words why a container is bound to several entities or to none', async () => {
    await render(<FindContainer />);

    const conflict = await resultRow('shared-db-1');
    expect(
      within(conflict).getByText(
        /Bound to several entities\. .*an admin must remove one/,
      ),
    ).toBeInTheDocument();
    const unbound = await resultRow('orphan-1');
    expect(
      within(unbound).getByText(
        /Bound to no entity\. .*which the catalog does not have/,
      ),
    ).toBeInTheDocument();
    expect(
      within(unbound).getByText(/^Exited \d+ minutes ago with code 0/),
    ).toBeInTheDocument();
  });

  it('says in words what “bound to no entity” covers, only to those who see such containers', async () => {
    await render(<FindContainer />);
    await resultRow('orphan-1');
    expect(screen.getByRole('table')).toHaveTextContent(
      /“Bound to no entity” means the container names an entity .* that the catalog does not have; containers that name no entity at all are not listed here\./,
    );

    const api = fakeFleetApi();
    api.searchFleet.mockResolvedValue({
      ...searchResponse,
      containers: [boundContainer],
      seesUnbound: false,
    });
    await render(<FindContainer />, api);
    await resultRow('shop-web-1');
    expect(screen.getAllByRole('table').at(-1)).not.toHaveTextContent(
      /Bound to no entity/,
    );
  });

  it('has a labelled search whose results count is announced politely, and real table semantics', async () => {
    const api = fakeFleetApi();
    await render(<FindContainer />, api);

    await resultRow('shop-web-1');
    const status = screen.getByTestId('results-count');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('3 containers.');
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Container', 'State', 'Host', 'Image', 'Entity', 'Owner']);
    expect(
      within(table).getByRole('rowheader', { name: /shop-web-1/ }),
    ).toBeInTheDocument();

    const user = fastUser();
    await user.type(
      screen.getByRole('searchbox', { name: 'Find a container' }),
      'nothing-like-this',
    );
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Nothing matching “nothing-like-this” among what you have access to.',
      ),
    );
    // Debounced: one search for the whole word, not one per keystroke.
    expect(api.searchFleet).toHaveBeenCalledTimes(2);
    expect(api.searchFleet).toHaveBeenLastCalledWith({
      q: 'nothing-like-this',
      limit: 100,
    });
  });

  it('shows each host with its state in words, its containers and how fresh its index is', async () => {
    await render(<FindContainer />);

    expect(await screen.findByTestId('host-local')).toHaveTextContent(
      'local: OK, 12 containers, updated 12 s ago',
    );
    expect(screen.getByTestId('host-build-01')).toHaveTextContent(
      'build-01: unavailable: Docker host "build-01" is unavailable: it did not answer in time.',
    );
    expect(
      screen.getByRole('list', { name: 'Docker hosts' }),
    ).toBeInTheDocument();
  });
});

describe('My services', () => {
  it('lists the entities I own worst first, each with its containers in words and a link to its tab', async () => {
    await render(<MyServices />);

    const cards = await screen.findAllByTestId('my-service');
    expect(cards.map(c => within(c).getByRole('heading').textContent)).toEqual([
      'payments',
      'Shop web',
      'search',
    ]);
    const [payments, shop] = cards;
    expect(
      within(payments).getByText(
        'Running for 3 hours, failing its health check',
      ),
    ).toBeInTheDocument();
    expect(
      within(payments).getByText(
        'All 2 are running; 1 failing its health check',
      ),
    ).toBeInTheDocument();
    expect(
      within(shop).getByText('0 of 1 running; 1 ended with an error'),
    ).toBeInTheDocument();
    expect(
      within(shop).getByText(/^Exited \d+ minutes ago with code 137/),
    ).toBeInTheDocument();
    expect(
      within(shop).getByRole('link', { name: 'Shop web: Services tab' }),
    ).toHaveAttribute('href', '/catalog/default/component/shop-web/services');
    expect(screen.getByTestId('host-local')).toHaveTextContent(
      'updated 12 s ago',
    );
  });

  it('says what an empty list means', async () => {
    await render(<MyServices />, fakeFleetApi({ entities: [], hosts }));

    expect(
      await screen.findByText(
        'None of the components you or your teams own run containers or Swarm services bound to them.',
      ),
    ).toBeInTheDocument();
  });
});

describe('Docker page', () => {
  it('has two keyboard-reachable tabs, Find a container first', async () => {
    const api = fakeFleetApi();
    await render(<DockerPageContent />, api);

    const find = screen.getByRole('tab', { name: 'Find a container' });
    expect(find).toHaveAttribute('aria-selected', 'true');
    await resultRow('shop-web-1');
    expect(api.listMyServices).not.toHaveBeenCalled();

    const user = fastUser();
    await user.click(screen.getByRole('tab', { name: 'My services' }));
    expect(await screen.findAllByTestId('my-service')).toHaveLength(3);
    expect(
      screen.getByRole('tabpanel', { name: 'My services' }),
    ).toBeInTheDocument();
  });
});

describe('the plugin', () => {
  it('serves the Docker page at /docker', async () => {
    const api = fakeFleetApi();
    renderTestApp({
      extensions: [dockerServicesPlugin.getExtension('page:docker-services')],
      initialRouteEntries: ['/docker'],
      apis: [[dockerServicesApiRef, api as unknown as DockerServicesApi]],
      mountedRoutes,
    });

    expect(
      await screen.findByRole('tab', { name: 'Find a container' }),
    ).toBeInTheDocument();
    await resultRow('shop-web-1');
  });
});

describe('the legacy page', () => {
  it('has its own header and the same sections', async () => {
    await render(<LegacyDockerPage />);

    expect(
      screen.getByRole('heading', { level: 1, name: 'Docker' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'My services' }),
    ).toBeInTheDocument();
    await resultRow('shop-web-1');
  });
});
