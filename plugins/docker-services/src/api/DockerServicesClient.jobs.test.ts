import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DockerServicesClient } from './DockerServicesClient';
import {
  jobsResponse,
  reportJob,
  runsPage,
} from '../components/__testUtils__/jobFixtures';

const server = setupServer();
registerMswTestHooks(server);

const base = 'http://localhost:7007/api/docker-services';
const entityRef = { kind: 'Component', namespace: 'default', name: 'shop-web' };
const entityUrl = `${base}/entities/component/default/shop-web`;
const job = `${entityUrl}/containers/local/${reportJob.containerId}`;
const target = { entityRef, host: 'local', id: reportJob.containerId };
const client = new DockerServicesClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: mockApis.fetch(),
});

function refusal(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

describe('DockerServicesClient jobs', () => {
  it("lists the entity's jobs as the backend sends them", async () => {
    server.use(
      http.get(`${entityUrl}/jobs`, () => HttpResponse.json(jobsResponse)),
    );
    await expect(client.listJobs(entityRef)).resolves.toEqual(jobsResponse);
  });

  it("pages a job's runs with limit and before, and asks for the first page without them", async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${job}/runs`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json(runsPage);
      }),
    );
    await expect(client.listJobRuns(target)).resolves.toEqual(runsPage);
    await client.listJobRuns(target, { limit: 10, before: 12 });
    expect(asked).toEqual(['', '?limit=10&before=12']);
  });

  it('runs a job now with the reason, and without one sends an empty body', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${job}/run`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ message: 'demo-data-report-1 started.' });
      }),
    );
    await expect(
      client.runJobNow({ ...target, reason: 'numbers needed today' }),
    ).resolves.toEqual({ message: 'demo-data-report-1 started.' });
    await client.runJobNow(target);
    expect(bodies).toEqual([{ reason: 'numbers needed today' }, {}]);
  });

  it("throws a run of a running job as ResponseError with the backend's sentence", async () => {
    const message = 'demo-data-report-1 is already running.';
    server.use(
      http.post(`${job}/run`, () => refusal(409, 'ConflictError', message)),
    );
    const error = await client.runJobNow(target).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe(message);
  });

  it('puts a schedule with its cron, time zone, pause and reason, and deletes it with a reason', async () => {
    const requests: Array<{ method: string; body: unknown }> = [];
    const record = async ({ request }: { request: Request }) => {
      requests.push({ method: request.method, body: await request.json() });
      return request.method === 'PUT'
        ? HttpResponse.json(reportJob.schedule)
        : HttpResponse.json({ message: 'The schedule was removed.' });
    };
    server.use(
      http.put(`${job}/schedule`, record),
      http.delete(`${job}/schedule`, record),
    );
    await expect(
      client.setJobSchedule({
        ...target,
        cron: '0 2 * * *',
        timeZone: 'Europe/Berlin',
        paused: true,
        reason: 'holidays',
      }),
    ).resolves.toEqual(reportJob.schedule);
    await client.setJobSchedule({
      ...target,
      cron: '15 * * * *',
      timeZone: 'UTC',
    });
    await expect(
      client.removeJobSchedule({ ...target, reason: 'not needed' }),
    ).resolves.toEqual({ message: 'The schedule was removed.' });
    expect(requests).toEqual([
      {
        method: 'PUT',
        body: {
          cron: '0 2 * * *',
          timeZone: 'Europe/Berlin',
          paused: true,
          reason: 'holidays',
        },
      },
      { method: 'PUT', body: { cron: '15 * * * *', timeZone: 'UTC' } },
      { method: 'DELETE', body: { reason: 'not needed' } },
    ]);
  });

  it("throws a refused cron expression with the backend's sentence", async () => {
    const message =
      'Runs at most every 5 minutes: "* * * * *" is too frequent.';
    server.use(
      http.put(`${job}/schedule`, () => refusal(400, 'InputError', message)),
    );
    const error = await client
      .setJobSchedule({ ...target, cron: '* * * * *', timeZone: 'UTC' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(message);
  });

  it("follows a run's log without a time range, which the run sets", async () => {
    let asked: URL | undefined;
    const line = {
      stream: 'stdout',
      time: '2026-01-01T02:00:01Z',
      line: 'rows: 12',
    };
    server.use(
      http.get(`${job}/runs/13/logs`, ({ request }) => {
        asked = new URL(request.url);
        return new HttpResponse(`${JSON.stringify(line)}\n`, {
          headers: { 'Content-Type': 'application/x-ndjson' },
        });
      }),
    );
    const events = [];
    const query = { tail: 500, follow: true, timestamps: true };
    for await (const event of client.streamJobRunLogs(
      { ...target, runId: 13 },
      // A caller holding a general query: its times are not sent.
      { ...query, since: '2026-01-01T00:00:00Z' } as typeof query,
      new AbortController().signal,
    )) {
      events.push(event);
    }
    expect(events).toEqual([line]);
    expect(Object.fromEntries(asked!.searchParams)).toEqual({
      format: 'ndjson',
      tail: '500',
      timestamps: 'true',
      follow: 'true',
    });
  });

  it("downloads a run's log as text, named by the backend or run.log", async () => {
    let asked: URL | undefined;
    server.use(
      http.get(`${job}/runs/13/logs`, ({ request }) => {
        asked = new URL(request.url);
        return new HttpResponse('rows: 12\n');
      }),
    );
    const { blob, fileName } = await client.downloadJobRunLogs(
      { ...target, runId: 13 },
      { tail: 'all', follow: true },
    );
    expect(fileName).toBe('run.log');
    expect(await blob.text()).toBe('rows: 12\n');
    expect(Object.fromEntries(asked!.searchParams)).toEqual({
      format: 'text',
      tail: 'all',
    });
  });
});
