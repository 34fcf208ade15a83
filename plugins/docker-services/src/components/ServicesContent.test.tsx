import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ContainerListResponse } from '@internal/backstage-plugin-docker-services-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { DockerServicesApi, dockerServicesApiRef } from '../api/DockerServicesApi';
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
  selector: ['com.docker.compose.project=shop', 'com.docker.compose.service=web'],
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
      error: 'Docker host "build-01" is unavailable: it did not answer in time.',
    },
  ],
};

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function fakeApi(result: Promise<ContainerListResponse>): DockerServicesApi {
  return { listContainers: jest.fn(() => result) };
}

describe('ServicesContent', () => {
  it('lists containers per host and says which host is unavailable', async () => {
    const api = fakeApi(Promise.resolve(response));
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, api]],
      mountedRoutes,
    });

    expect(await screen.findByText('shop-web-1')).toBeInTheDocument();
    expect(screen.getByText(/Exited 1 minute ago with code 137: killed/)).toBeInTheDocument();
    expect(screen.getByText('80→8080/tcp')).toBeInTheDocument();
    expect(screen.getByText(/Host build-01 is unavailable/)).toBeInTheDocument();
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
      { apis: [[dockerServicesApiRef, api]], mountedRoutes },
    );

    expect(
      screen.getByText(/docker-services annotation cannot be used/),
    ).toBeInTheDocument();
    expect(screen.getByText(/must be a list of key=value pairs/)).toBeInTheDocument();
    expect(api.listContainers).not.toHaveBeenCalled();
  });

  it("shows the backend's error message when listing fails", async () => {
    const error = Object.assign(new Error('You are not allowed to see the containers of component:default/shop-web'), { name: 'NotAllowedError' });
    await renderInTestApp(<ServicesContent entity={entity} />, {
      apis: [[dockerServicesApiRef, fakeApi(Promise.reject(error))]],
      mountedRoutes,
    });

    const shown = await screen.findAllByText(/not allowed to see the containers/);
    expect(shown.length).toBeGreaterThan(0);
  });
});
