import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { ServicesContent } from './ServicesContent';
import {
  allow,
  entity,
  fakeApi,
  mountedRoutes,
  response,
} from './__testUtils__/servicesFixtures';

describe('ServicesContent', () => {
  it('lists containers per host and says which host is unavailable', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });

    expect(await screen.findByText('shop-web-1')).toBeInTheDocument();
    expect(
      screen.getByText(/Exited 1 minute ago with code 137: killed/),
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
    await renderInTestApp(
      <ServicesContent
        entity={{
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { 'docker-services/label-selector': 'app' },
          },
        }}
      />,
      { apis: [[dockerServicesApiRef, api], allow], mountedRoutes },
    );

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
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, fakeApi(Promise.reject(error))], allow],
      mountedRoutes,
    });

    const shown = await screen.findAllByText(
      /not allowed to see the containers/,
    );
    expect(shown.length).toBeGreaterThan(0);
  });

  it('re-reads the list at once when the backend signals a container changed', async () => {
    const api = fakeApi(Promise.resolve(response));
    const listeners = new Map<string, (message: any) => void>();
    const signals = {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    };
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow, [signalApiRef, signals]],
      mountedRoutes,
    });
    await screen.findByText('shop-web-1');
    const channel = `docker-services:container:local:${'a'.repeat(64)}`;
    await waitFor(() => expect(listeners.has(channel)).toBe(true));
    expect(api.listContainers).toHaveBeenCalledTimes(1);

    act(() =>
      listeners.get(channel)!({
        host: 'local',
        id: 'a'.repeat(64),
        change: 'state',
      }),
    );
    await waitFor(() => expect(api.listContainers).toHaveBeenCalledTimes(2));
  });
});
