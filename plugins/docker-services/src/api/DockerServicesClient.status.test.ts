import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DockerServicesClient } from './DockerServicesClient';

const server = setupServer();
registerMswTestHooks(server);

const STATUS = 'http://localhost:7007/api/docker-services/entities/status';
const client = () =>
  new DockerServicesClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
const status = (entityRef: string) => ({
  entityRef,
  level: 'ok' as const,
  services: [],
  unavailableHosts: [],
});

/** Answers every ref except those ending in "hidden"; keeps what was asked. */
function backend() {
  const asked: string[][] = [];
  server.use(
    http.post(STATUS, async ({ request }) => {
      const { entityRefs } = (await request.json()) as { entityRefs: string[] };
      asked.push(entityRefs);
      return HttpResponse.json({
        items: entityRefs.filter(r => !r.endsWith('hidden')).map(status),
      });
    }),
  );
  return asked;
}

describe('DockerServicesClient entity status', () => {
  it('sends the asks of one moment as one request, and gives each asker its own answer', async () => {
    const asked = backend();
    const api = client();
    const refs = ['component:default/a', 'component:default/b'];
    const answers = await Promise.all([
      ...refs.map(ref => api.getEntityStatus(ref)),
      api.getEntityStatus('component:default/a'),
      api.getEntityStatus('component:default/hidden'),
    ]);
    expect(answers).toEqual([
      status(refs[0]),
      status(refs[1]),
      status(refs[0]),
      undefined,
    ]);
    expect(asked).toEqual([[...refs, 'component:default/hidden']]);
  });

  it('answers the same asks again for a few seconds without a request (a table that mounts its rows again), but not after a failure', async () => {
    const asked = backend();
    const api = client();
    await api.getEntityStatus('component:default/a');
    await expect(api.getEntityStatus('component:default/a')).resolves.toEqual(
      status('component:default/a'),
    );
    expect(asked).toHaveLength(1);

    server.use(
      http.post(STATUS, () => HttpResponse.json({}, { status: 503 }), {
        once: true,
      }),
    );
    await expect(api.getEntityStatus('component:default/b')).rejects.toThrow();
    await expect(api.getEntityStatus('component:default/b')).resolves.toEqual(
      status('component:default/b'),
    );
  });

  it('splits more than 100 refs of one moment into requests of at most 100', async () => {
    const asked = backend();
    const api = client();
    const refs = Array.from(
      { length: 230 },
      (_, i) => `component:default/c${i}`,
    );
    const answers = await Promise.all(
      refs.map(ref => api.getEntityStatus(ref)),
    );
    expect(answers.map(a => a?.entityRef)).toEqual(refs);
    expect(asked.map(a => a.length)).toEqual([100, 100, 30]);
  });

  it("rejects every asker of a failed request with the backend's error", async () => {
    server.use(
      http.post(STATUS, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'Not an entity ref: "x".' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const api = client();
    const [a, b] = await Promise.allSettled([
      api.getEntityStatus('x'),
      api.getEntityStatus('component:default/a'),
    ]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    const error = (a as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toMatch(/Not an entity ref/);
    expect((b as PromiseRejectedResult).reason).toBe(error);
  });
});
