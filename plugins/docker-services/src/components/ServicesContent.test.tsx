import { act, screen } from '@testing-library/react';
import {
  containerWith,
  entity,
  fakeApi,
  response,
  responseWith,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import { FakeSignalApi } from '../hooks/__testUtils__/FakeSignalApi';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ServicesContent', () => {
  it('lists containers per host and says which host is unavailable', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api);

    expect(await screen.findByText('shop-web-1')).toBeInTheDocument();
    expect(
      // The fixture exited a minute before the test file loaded; how long
      // ago that is depends on the machine's speed, not on this page.
      screen.getByText(/Exited \d+ minutes? ago with code 137: killed/),
    ).toBeInTheDocument();
    expect(screen.getByText('80→8080/tcp')).toBeInTheDocument();
    expect(
      screen.getByText(/Host build-01 is unavailable/),
    ).toBeInTheDocument();
    expect(screen.getByText(/did not answer in time/)).toBeInTheDocument();
    expect(screen.getByTestId('owner-line')).toHaveTextContent('team-shop');
    expect(api.listContainers).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'shop-web',
    });
  });

  it('shows a bad annotation as a configuration error without calling the backend', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderServicesContent(api, {
      entity: {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { 'docker-services/label-selector': 'app' },
        },
      },
    });

    expect(
      screen.getByText(/docker-services annotation cannot be used/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/must be a list of key=value pairs/),
    ).toBeInTheDocument();
    expect(api.listContainers).not.toHaveBeenCalled();
  });

  it("shows the backend's error message when listing fails", async () => {
    const error = Object.assign(
      new Error(
        'You are not allowed to see the containers of component:default/shop-web',
      ),
      { name: 'NotAllowedError' },
    );
    await renderServicesContent(fakeApi(Promise.reject(error)));

    const shown = await screen.findAllByText(
      /not allowed to see the containers/,
    );
    expect(shown.length).toBeGreaterThan(0);
  });

  it('shows what changed when the backend signals a change to the entity', async () => {
    const api = fakeApi(Promise.resolve(response));
    const signals = new FakeSignalApi();
    await renderServicesContent(api, { signals });
    expect(
      await screen.findByText(/^Exited .* ago with code/),
    ).toBeInTheDocument();
    expect(signals.channels()).toEqual([
      'docker-services:entity:component:default/shop-web',
    ]);

    // Someone restarts the container: the backend has written the history
    // row, and Docker reports the container running.
    const history = await api.getHistory();
    api.getHistory.mockResolvedValue({
      items: [{ ...history.items[0], id: 2, outcome: 'requested' }],
    });
    api.listContainers.mockResolvedValue(
      responseWith({
        name: 'local',
        status: 'ok',
        containers: [
          containerWith({
            state: 'running',
            startedAt: new Date().toISOString(),
          }),
        ],
      }),
    );
    act(() =>
      signals.deliver('docker-services:entity:component:default/shop-web', {
        change: 'changed',
      }),
    );

    expect(await screen.findByText(/^Running for/)).toBeInTheDocument();
    expect(
      await screen.findByText('Requested, in progress'),
    ).toBeInTheDocument();
    expect(signals.channels()).toHaveLength(1);
  });
});
