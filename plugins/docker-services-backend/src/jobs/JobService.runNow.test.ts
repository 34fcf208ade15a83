import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  asUser,
  OWNER,
  READER,
  shopLabels,
  useRouterApp,
} from '../__testUtils__/routerApp';
import { FakeDockerHost } from '../__testUtils__/FakeDockerHost';
import { JobService } from './JobService';

// Run now, when reading the run back fails after Docker started the job:
// the start stands, and the answer says so in words.
const app = useRouterApp();
const jobLabels = { ...shopLabels, 'docker-services.job': 'true' };
const base = '/entities/component/default/shop';

/** What dockerode says when the engine fails a call, path and all. */
const dockerodeError = Object.assign(
  new Error(
    '(HTTP code 500) server error - Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.43/containers/0123/json": context deadline exceeded',
  ),
  { statusCode: 500 },
);

/** Runs `then` right after the fake engine started a container. */
function afterStart(host: FakeDockerHost, then: () => Promise<void> | void) {
  const start = host.startContainer.bind(host);
  host.startContainer = async id => {
    const started = await start(id);
    await then();
    return started;
  };
}

describe('POST …/containers/:host/:id/run when the run cannot be read back', () => {
  it('answers that the job started when Docker then fails to inspect it', async () => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    afterStart(host, () => {
      host.inspectContainer = async () => {
        throw dockerodeError;
      };
    });
    const res = await request(server)
      .post(`${base}/containers/local/${job.id}/run`)
      .set(asUser(OWNER))
      .send({ reason: 'month end' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message:
        'r was started. Its run shows in the list of runs once Docker reports it.',
    });
    expect(job.state).toBe('running');
    // The history keeps the start as done.
    const history = await request(server)
      .get(`${base}/history`)
      .set(asUser(READER));
    expect(history.body.items[0]).toMatchObject({
      action: 'start',
      actor: OWNER,
      reason: 'month end',
      outcome: 'succeeded',
    });
  });

  it('answers that the job started when the database then fails', async () => {
    const { server, host, db } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    afterStart(host, () => db.schema.dropTable('docker_services_job_runs'));
    const res = await request(server)
      .post(`${base}/containers/local/${job.id}/run`)
      .set(asUser(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(
      'r was started. Its run shows in the list of runs once Docker reports it.',
    );
    expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|no such table/i);
  });
});

describe('JobService.runNow', () => {
  it('logs what failed after the start, for the admins', async () => {
    const logger = mockServices.logger.mock();
    const job = {
      entityRef: 'component:default/shop',
      host: 'local',
      container: { id: 'c'.repeat(64), name: 'r', state: 'exited', job: {} },
    };
    const jobs = new JobService({
      containers: { resolveContainer: async () => job },
      actions: {
        run: async () => ({
          action: 'start',
          changed: true,
          message: 'r was started.',
        }),
      },
      recorder: {
        recordContainer: async () => {
          throw dockerodeError;
        },
      },
      logger,
    } as unknown as ConstructorParameters<typeof JobService>[0]);
    const answer = await jobs.runNow({
      req: {} as never,
      entity: {} as never,
      entityRef: job.entityRef,
      actor: OWNER,
      host: 'local',
      id: job.container.id,
    });
    expect(answer).toEqual({
      message:
        'r was started. Its run shows in the list of runs once Docker reports it.',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      'Run now of r on local: the job was started, but its run could not be read back',
      expect.objectContaining({ error: String(dockerodeError) }),
    );
  });
});
