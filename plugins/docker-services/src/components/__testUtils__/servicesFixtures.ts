import { Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ContainerListResponse,
  HistoryResponse,
} from '@internal/backstage-plugin-docker-services-common';
import { DockerServicesApi } from '../../api/DockerServicesApi';

// Fixtures of the ServicesContent tests: one entity, a list answer with an
// exited container and an unavailable host, a fake client, permission APIs.
export const entity: Entity = {
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

export const response: ContainerListResponse = {
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

export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

export function fakeApi(result: Promise<ContainerListResponse>) {
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

export const allow = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
] as const;
export const deny = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.DENY }),
] as const;
