import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { ContainerListResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DockerServicesClient } from './DockerServicesClient';
import {
  myServicesResponse,
  searchResponse,
} from '../components/dockerPage/__testUtils__/fleetFixtures';

const server = setupServer();
registerMswTestHooks(server);

const base = 'http://localhost:7007/api/docker-services';
const entityRef = { kind: 'Component', namespace: 'default', name: 'shop-web' };
const client = new DockerServicesClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: mockApis.fetch(),
});

describe('DockerServicesClient', () => {
  it('keeps binding conflicts and the reasons for empty hosts as the backend words them', async () => {
    const listed: ContainerListResponse = {
      entityRef: 'component:default/shop-web',
      selector: ['com.docker.compose.project=shop'],
      hosts: [
        {
          name: 'local',
          status: 'ok',
          containers: [
            {
              host: 'local',
              id: 'c'.repeat(64),
              name: 'shared-db-1',
              image: 'postgres:16',
              state: 'running',
              status: 'Up 2 hours',
              createdAt: '2026-01-01T00:00:00Z',
              ports: [],
              conflict: {
                entityRefs: [
                  'component:default/billing',
                  'component:default/shop-web',
                ],
                message:
                  'This container on host local is bound to component:default/billing and component:default/shop-web.',
              },
            },
          ],
        },
        {
          name: 'build-01',
          status: 'ok',
          containers: [],
          emptyReason: 'No container on host build-01 is bound to this entity.',
        },
      ],
    };
    server.use(
      http.get(`${base}/entities/component/default/shop-web/containers`, () =>
        HttpResponse.json(listed),
      ),
    );

    await expect(client.listContainers(entityRef)).resolves.toEqual(listed);
  });

  it("throws the backend's refusal of a restart that would start a stopped container", async () => {
    const message =
      "shop-web-1 is stopped, so restarting it would start it; starting it needs the permission to start this entity's containers, which you do not have. Ask its owners.";
    server.use(
      http.post(
        `${base}/entities/component/default/shop-web/containers/local/${'a'.repeat(
          64,
        )}/restart`,
        () =>
          HttpResponse.json(
            {
              error: { name: 'ConflictError', message },
              response: { statusCode: 409 },
            },
            { status: 409 },
          ),
      ),
    );

    const refusal = await client
      .runAction({
        entityRef,
        host: 'local',
        id: 'a'.repeat(64),
        action: 'restart',
      })
      .catch(error => error);

    expect(refusal).toBeInstanceOf(ResponseError);
    expect(refusal.statusCode).toBe(409);
    expect(refusal.body.error.message).toBe(message);
  });

  it('searches the fleet with the query and limit, and keeps entities, owners and binding sentences', async () => {
    let asked: URL | undefined;
    server.use(
      http.get(`${base}/fleet/containers`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json(searchResponse);
      }),
    );

    await expect(
      client.searchFleet({ q: 'shop web', limit: 50 }),
    ).resolves.toEqual(searchResponse);
    expect(asked?.searchParams.get('q')).toBe('shop web');
    expect(asked?.searchParams.get('limit')).toBe('50');
  });

  it('sends no empty query parameter', async () => {
    let asked: URL | undefined;
    server.use(
      http.get(`${base}/fleet/containers`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json(searchResponse);
      }),
    );

    await client.searchFleet({ q: '' });
    expect(asked?.search).toBe('');
  });

  it("lists the caller's services and throws refusals as ResponseError", async () => {
    server.use(
      http.get(`${base}/fleet/mine`, () =>
        HttpResponse.json(myServicesResponse),
      ),
    );
    await expect(client.listMyServices()).resolves.toEqual(myServicesResponse);

    server.use(
      http.get(`${base}/fleet/containers`, () =>
        HttpResponse.json(
          {
            error: { name: 'AuthenticationError', message: 'Sign in first' },
            response: { statusCode: 401 },
          },
          { status: 401 },
        ),
      ),
    );
    const refusal = await client.searchFleet({ q: 'x' }).catch(e => e);
    expect(refusal).toBeInstanceOf(ResponseError);
    expect(refusal.statusCode).toBe(401);
    expect(refusal.body.error.message).toBe('Sign in first');
  });
});
