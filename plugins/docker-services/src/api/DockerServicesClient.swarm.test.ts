import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DockerServicesClient } from './DockerServicesClient';
import { swarmResponse } from '../components/__testUtils__/swarmFixtures';

const server = setupServer();
registerMswTestHooks(server);

const base = 'http://localhost:7007/api/docker-services';
const entityRef = { kind: 'Component', namespace: 'default', name: 'shop-web' };
const service = `${base}/entities/component/default/shop-web/services/swarm-01/k3j2h4g5f6d7s8a9q0w1e2r3t`;
const target = { entityRef, host: 'swarm-01', id: 'k3j2h4g5f6d7s8a9q0w1e2r3t' };
const client = new DockerServicesClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: mockApis.fetch(),
});

describe('DockerServicesClient Swarm services', () => {
  it("lists the entity's services with their tasks as the backend sends them", async () => {
    server.use(
      http.get(`${base}/entities/component/default/shop-web/services`, () =>
        HttpResponse.json(swarmResponse),
      ),
    );
    await expect(client.listSwarmServices(entityRef)).resolves.toEqual(
      swarmResponse,
    );
  });

  it('posts a scale with the replicas and the reason, and a restart with the reason only', async () => {
    const bodies: Record<string, unknown> = {};
    server.use(
      http.post(`${service}/:action`, async ({ request, params }) => {
        bodies[params.action as string] = await request.json();
        return HttpResponse.json({ action: params.action, changed: true });
      }),
    );

    await expect(
      client.runSwarmServiceAction({
        ...target,
        action: 'scale',
        replicas: 3,
        reason: 'sale',
      }),
    ).resolves.toEqual({ action: 'scale', changed: true });
    await client.runSwarmServiceAction({ ...target, action: 'restart' });

    expect(bodies).toEqual({
      scale: { replicas: 3, reason: 'sale' },
      restart: {},
    });
  });

  it("throws a refusal as ResponseError with the backend's sentence", async () => {
    const message = 'shop-api may run from 1 to 5 replicas; 9 is too many.';
    server.use(
      http.post(`${service}/scale`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const refusal = await client
      .runSwarmServiceAction({ ...target, action: 'scale', replicas: 9 })
      .catch(error => error);
    expect(refusal).toBeInstanceOf(ResponseError);
    expect(refusal.statusCode).toBe(400);
    expect(refusal.body.error.message).toBe(message);
  });

  it("reads a service's log with the same query as a container's, each line with its task", async () => {
    let asked: URL | undefined;
    const line = {
      stream: 'stdout',
      line: 'ready',
      task: { id: 'x'.repeat(25), slot: 2, node: 'node-2' },
    };
    server.use(
      http.get(`${service}/logs`, ({ request }) => {
        asked = new URL(request.url);
        return new HttpResponse(
          `${JSON.stringify(line)}\n${JSON.stringify({
            event: 'end',
            message: 'done',
          })}\n`,
          { headers: { 'Content-Type': 'application/x-ndjson' } },
        );
      }),
    );
    const events = [];
    for await (const event of client.streamSwarmServiceLogs(
      target,
      { tail: 100, timestamps: true, follow: true },
      new AbortController().signal,
    )) {
      events.push(event);
    }
    expect(events).toEqual([line, { event: 'end', message: 'done' }]);
    expect(Object.fromEntries(asked!.searchParams)).toEqual({
      format: 'ndjson',
      tail: '100',
      timestamps: 'true',
      follow: 'true',
    });
  });

  it('downloads a service log as text, named by the backend or service.log', async () => {
    let asked: URL | undefined;
    server.use(
      http.get(`${service}/logs`, ({ request }) => {
        asked = new URL(request.url);
        return new HttpResponse('shop-api.2@node-2 ready\n');
      }),
    );
    const { blob, fileName } = await client.downloadSwarmServiceLogs(target, {
      tail: 500,
      follow: true,
    });
    expect(fileName).toBe('service.log');
    expect(await blob.text()).toBe('shop-api.2@node-2 ready\n');
    expect(asked?.searchParams.get('format')).toBe('text');
    expect(asked?.searchParams.has('follow')).toBe(false);
  });
});
