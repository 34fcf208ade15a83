import { mockServices } from '@backstage/backend-test-utils';
import { DockerHost, EngineService } from '../docker/DockerHost';
import { performServiceAction } from './performServiceAction';

const service = (version: number, replicas: number): EngineService => ({
  ID: 's'.repeat(25),
  Version: { Index: version },
  CreatedAt: '',
  UpdatedAt: '',
  Spec: { Name: 'web', Mode: { Replicated: { Replicas: replicas } } },
});

function setup(updates: Array<Error | undefined>, reads: EngineService[]) {
  const versions: number[] = [];
  let read = 0;
  const host = {
    name: 'swarm',
    updateService: async (_id: string, version: number) => {
      versions.push(version);
      const answer = updates.shift();
      if (answer) throw answer;
    },
  } as unknown as DockerHost;
  return {
    versions,
    run: (change: Parameters<typeof performServiceAction>[0]['change']) =>
      performServiceAction({
        host,
        change,
        current: async () => ({
          entityRef: 'component:default/shop',
          host: 'swarm',
          service: reads[Math.min(read++, reads.length - 1)],
        }),
        summarize: async () => {
          throw new Error('not in this test');
        },
        logger: mockServices.logger.mock(),
      }),
  };
}

const outOfSequence = Object.assign(new Error('(HTTP code 500) server error'), {
  statusCode: 500,
  json: { message: 'rpc error: code = Unknown desc = update out of sequence' },
});

describe('performServiceAction', () => {
  it('does not call Docker to scale to the replicas a service has', async () => {
    const { run, versions } = setup([], [service(3, 2)]);
    expect(await run({ kind: 'scale', replicas: 2 })).toEqual({
      action: 'scale',
      changed: false,
      message: 'web already has 2 replicas; nothing was changed.',
    });
    expect(versions).toEqual([]);
  });

  it('tries once more on a fresh read when the service changed meanwhile', async () => {
    const { run, versions } = setup(
      [outOfSequence, undefined],
      [service(3, 2), service(4, 2), service(5, 4)],
    );
    expect(await run({ kind: 'scale', replicas: 4 })).toMatchObject({
      changed: true,
      message: 'web is being scaled from 2 to 4 replicas.',
    });
    expect(versions).toEqual([3, 4]);
  });

  it('says in words when it changed under us twice', async () => {
    const { run } = setup(
      [outOfSequence, outOfSequence],
      [service(3, 2), service(4, 2)],
    );
    await expect(run({ kind: 'restart' })).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /changed by someone else at the same moment/,
      ),
    });
  });

  it('is "state unknown", not failed, when Docker does not confirm in time', async () => {
    const timeout = Object.assign(new Error('timed out'), {
      name: 'TimeoutError',
    });
    const { run } = setup([timeout], [service(3, 2)]);
    expect(await run({ kind: 'restart' })).toMatchObject({
      changed: false,
      stateUnknown: true,
      message: expect.stringMatching(/did not confirm in time/),
    });
  });

  it("never passes Docker's own error on", async () => {
    const refused = Object.assign(new Error('(HTTP code 500) secret detail'), {
      statusCode: 500,
    });
    const { run } = setup([refused], [service(3, 2)]);
    await expect(run({ kind: 'restart' })).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.not.stringMatching(/secret/),
    });
  });
});
