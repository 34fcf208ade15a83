import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { ContainerDiagnosis } from '@docker-services/backstage-plugin-docker-services-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { backendMessage } from '../hooks/backendMessage';
import { DockerServicesClient } from './DockerServicesClient';

const server = setupServer();
registerMswTestHooks(server);

const containerUrl = `http://localhost:7007/api/docker-services/entities/component/default/shop-web/containers/local/${'a'.repeat(
  64,
)}`;
const target = {
  entityRef: { kind: 'Component', namespace: 'default', name: 'shop-web' },
  host: 'local',
  id: 'a'.repeat(64),
};
const client = new DockerServicesClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: mockApis.fetch(),
});

describe('DockerServicesClient: diagnosis and asking the owners', () => {
  it('reads the diagnosis of a container', async () => {
    const diagnosis: ContainerDiagnosis = {
      host: 'local',
      id: 'a'.repeat(64),
      name: 'shop-web-1',
      state: 'exited',
      summary: 'It stopped by itself.',
      dockerTerms: 'ExitCode 1',
      lastLines: [{ stream: 'stderr', line: 'boom' }],
      linesUntil: '2026-01-01T03:00:00Z',
    };
    server.use(
      http.get(`${containerUrl}/diagnosis`, () => HttpResponse.json(diagnosis)),
    );
    await expect(client.getDiagnosis(target)).resolves.toEqual(diagnosis);
  });

  it('posts the action and reason, and keeps a refusal sentence for the page', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${containerUrl}/ask-owners`, async ({ request }) => {
        bodies.push(await request.json());
        if (bodies.length === 1) {
          return HttpResponse.json({
            action: 'restart',
            owners: ['group:default/team-shop'],
            message: 'team-shop was asked to restart shop-web-1.',
          });
        }
        return HttpResponse.json(
          {
            error: {
              name: 'TooManyRequestsError',
              message: 'You asked less than 10 minutes ago.',
            },
            response: { statusCode: 429 },
          },
          { status: 429, headers: { 'Retry-After': '540' } },
        );
      }),
    );
    const ask = { ...target, action: 'restart' as const, reason: 'stuck' };
    await expect(client.askOwners(ask)).resolves.toEqual({
      action: 'restart',
      owners: ['group:default/team-shop'],
      message: 'team-shop was asked to restart shop-web-1.',
    });
    const refusal = await client.askOwners(ask).catch(error => error);
    expect(bodies).toEqual([
      { action: 'restart', reason: 'stuck' },
      { action: 'restart', reason: 'stuck' },
    ]);
    expect(refusal).toBeInstanceOf(ResponseError);
    expect(refusal.statusCode).toBe(429);
    expect(backendMessage(refusal)).toBe('You asked less than 10 minutes ago.');
  });

  it('asks for the log up to a moment', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${containerUrl}/logs`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return new HttpResponse('', { status: 200 });
      }),
    );
    const events = client.streamLogs(
      target,
      { tail: 500, until: '2026-01-01T03:00:00Z' },
      new AbortController().signal,
    );
    for await (const _event of events) {
      // The body is empty: only the query matters here.
    }
    expect(query?.get('until')).toBe('2026-01-01T03:00:00Z');
    expect(query?.get('tail')).toBe('500');
  });
});
