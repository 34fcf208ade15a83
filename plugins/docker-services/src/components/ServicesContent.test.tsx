import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ContainerListResponse,
  HistoryResponse,
} from '@internal/backstage-plugin-docker-services-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../api/DockerServicesApi';
import { ServicesContent } from './ServicesContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-web',
    namespace: 'default',
    annotations: { 'docker-services/compose': 'shop/web' },
  },
  spec: { owner: 'team-shop' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-shop' }],
};

const response: ContainerListResponse = {
  entityRef: 'component:default/shop-web',
  selector: [
    'com.docker.compose.project=shop',
    'com.docker.compose.service=web',
  ],
  hosts: [
    {
      name: 'local',
      status: 'ok',
      containers: [
        {
          host: 'local',
          id: 'a'.repeat(64),
          name: 'shop-web-1',
          image: 'shop:1',
          state: 'exited',
          status: 'Exited (137) 1 minute ago',
          createdAt: '2026-01-01T00:00:00Z',
          finishedAt: new Date(Date.now() - 60_000).toISOString(),
          exitCode: 137,
          ports: [{ privatePort: 8080, publicPort: 80, protocol: 'tcp' }],
        },
      ],
    },
    {
      name: 'build-01',
      status: 'unavailable',
      error:
        'Docker host "build-01" is unavailable: it did not answer in time.',
    },
  ],
};

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function fakeApi(result: Promise<ContainerListResponse>) {
  return {
    listContainers: jest.fn(() => result),
    getContainerDetails: jest.fn(async () => ({
      ...(response.hosts[0] as any).containers[0],
      health: 'unhealthy' as const,
      healthLog: [
        {
          start: '2026-01-01T00:00:10Z',
          end: '2026-01-01T00:00:11Z',
          exitCode: 1,
          output: 'connection refused\n',
        },
      ],
    })),
    getContainerStats: jest.fn(),
    streamLogs: jest.fn(),
    downloadLogs: jest.fn(),
    runAction: jest.fn(async () => ({
      action: 'start' as const,
      changed: true,
      message: 'shop-web-1 was started.',
    })),
    getHistory: jest.fn(
      async (..._args: unknown[]): Promise<HistoryResponse> => ({
        items: [
          {
            id: 1,
            entityRef: 'component:default/shop-web',
            actor: 'user:default/alice',
            action: 'restart' as const,
            host: 'local',
            containerId: 'a'.repeat(64),
            containerName: 'shop-web-1',
            reason: 'stuck on start-up',
            outcome: 'succeeded' as const,
            changed: true,
            createdAt: new Date(Date.now() - 120_000).toISOString(),
          },
        ],
      }),
    ),
  } satisfies DockerServicesApi;
}

const allow = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
] as const;
const deny = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.DENY }),
] as const;

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

  it('confirms an action in plain words, sends the reason, and refreshes', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });

    // The container has exited: Start is offered, Stop is not.
    const stop = await screen.findByRole('button', { name: 'Stop shop-web-1' });
    expect(stop).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Start shop-web-1' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/Starting shop-web-1 runs it again/),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'after the fix',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start' }),
    );

    await waitFor(() =>
      expect(api.runAction).toHaveBeenCalledWith({
        entityRef: {
          kind: 'Component',
          namespace: 'default',
          name: 'shop-web',
        },
        host: 'local',
        id: 'a'.repeat(64),
        action: 'start',
        reason: 'after the fix',
      }),
    );
    await waitFor(() => expect(api.listContainers).toHaveBeenCalledTimes(2));
    expect(api.getHistory).toHaveBeenCalledTimes(2);
  });

  it('shows the history with who, what, and why, and pages back to older actions', async () => {
    const api = fakeApi(Promise.resolve(response));
    const first = await api.getHistory();
    api.getHistory
      .mockResolvedValueOnce({ ...first, nextBefore: 1 })
      .mockResolvedValueOnce({
        items: [
          {
            ...first.items[0],
            id: 0,
            action: 'stop',
            reason: 'old maintenance',
          },
        ],
      });
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    expect(await screen.findByText('Restart shop-web-1')).toBeInTheDocument();
    expect(screen.getByText('stuck on start-up')).toBeInTheDocument();
    expect(screen.getByText('2 minutes ago')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show older actions' }),
    );
    expect(await screen.findByText('old maintenance')).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'shop-web' },
      { limit: 10, before: 1 },
    );
    expect(
      screen.queryByRole('button', { name: 'Show older actions' }),
    ).not.toBeInTheDocument();
  });

  it('disables the buttons of users who may not act, and says why', async () => {
    // usePermission caches decisions per entity ref (SWR), so this test uses
    // an entity of its own.
    const billing = {
      ...entity,
      metadata: { ...entity.metadata, name: 'billing-api' },
    };
    await renderInTestApp(<ServicesContent entity={billing} />, {
      apis: [[dockerServicesApiRef, fakeApi(Promise.resolve(response))], deny],
      mountedRoutes,
      // usePermission allows everything while the framework is off.
      config: { permission: { enabled: true } },
    });
    const start = await screen.findByRole('button', {
      name: 'Start shop-web-1',
    });
    await waitFor(() => expect(start).toBeDisabled());
    await userEvent.hover(start.parentElement!);
    expect(
      await screen.findByText(
        /Only the owners of billing-api \(team-shop\) or an administrator may start its containers/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the Docker terms and health checks in a details dialog', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api], allow],
      mountedRoutes,
    });
    await userEvent.click(await screen.findByText('shop-web-1'));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('a'.repeat(64))).toBeInTheDocument();
    expect(
      within(dialog).getByText(/137 \(killed \(SIGKILL\)/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/failed \(exit 1\) — connection refused/),
    ).toBeInTheDocument();
    // Exited: no stats are asked for, and the dialog says why.
    expect(within(dialog).getByTestId('container-stats')).toHaveTextContent(
      'Not running, so it uses no CPU or memory.',
    );
    expect(api.getContainerStats).not.toHaveBeenCalled();
    expect(api.getContainerDetails).toHaveBeenCalledWith({
      entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
      host: 'local',
      id: 'a'.repeat(64),
    });
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
