import { EntityStatus } from '@docker-services/backstage-plugin-docker-services-common';
import { statusLines } from './statusWords';

const now = new Date('2026-12-05T12:00:00Z');
const hoursAgo = (n: number) =>
  new Date(now.getTime() - n * 3_600_000).toISOString();

const counts = {
  level: 'ok' as const,
  total: 2,
  running: 2,
  healthy: 2,
  unhealthy: 0,
  healthStarting: 0,
  restarting: 0,
  conflicts: 0,
};

function status(overrides: Partial<EntityStatus>): EntityStatus {
  return {
    entityRef: 'component:default/shop-web',
    level: 'ok',
    services: [],
    unavailableHosts: [],
    ...overrides,
  };
}

const texts = (s: EntityStatus) => statusLines(s, now).map(l => l.text);

describe('the status in words', () => {
  it('says each kind of workload in one line, as a person would', () => {
    expect(
      texts(
        status({
          containers: counts,
          services: [
            {
              level: 'ok',
              host: 'local',
              name: 'demo-shop_api',
              runningTasks: 3,
              desiredTasks: 3,
              updating: false,
            },
          ],
          jobs: { level: 'ok', total: 1, running: 0, failed: [] },
        }),
      ),
    ).toEqual([
      '2 of 2 containers running, healthy',
      '3 of 3 tasks of demo-shop_api running',
      '1 job, its last run did not fail',
    ]);
  });

  it('puts the worst first: a failed job, then a host that does not answer, then what is short', () => {
    const lines = statusLines(
      status({
        level: 'failing',
        containers: { ...counts, level: 'degraded', running: 1, healthy: 1 },
        services: [
          {
            level: 'degraded',
            host: 'local',
            name: 'shop_api',
            runningTasks: 2,
            desiredTasks: 3,
            updating: true,
          },
        ],
        jobs: {
          level: 'failing',
          total: 2,
          running: 1,
          failed: [
            { host: 'local', name: 'nightly-report', finishedAt: hoursAgo(2) },
          ],
        },
        unavailableHosts: [{ name: 'build-01', error: 'down' }],
      }),
      now,
    );
    expect(lines).toEqual([
      {
        level: 'failing',
        text: 'nightly-report failed 2 hours ago',
        short: 'Job failed 2 hours ago',
      },
      {
        level: 'unknown',
        text: 'Docker host build-01 is not answering: what runs there is not counted',
        short: 'Host build-01 not answering',
      },
      {
        level: 'degraded',
        text: '1 of 2 containers running, healthy',
        short: '1 of 2 running',
      },
      {
        level: 'degraded',
        text: '2 of 3 tasks of shop_api running, being updated',
        short: '2 of 3 tasks running, updating',
      },
    ]);
  });

  it('names what is wrong with the containers instead of calling them healthy', () => {
    expect(
      texts(
        status({
          containers: {
            ...counts,
            level: 'failing',
            total: 3,
            healthy: 0,
            unhealthy: 1,
            restarting: 1,
            healthStarting: 1,
            conflicts: 1,
          },
        }),
      ),
    ).toEqual([
      '2 of 3 containers running, 1 unhealthy, 1 restarting, 1 starting up, 1 bound to more than one entity',
    ]);
    expect(
      texts(
        status({ containers: { ...counts, total: 1, running: 1, healthy: 0 } }),
      ),
    ).toEqual(['1 of 1 container running']);
    expect(
      texts(
        status({
          jobs: { level: 'ok', total: 3, running: 1, failed: [] },
          services: [
            {
              level: 'ok',
              host: 'local',
              name: 'cron',
              runningTasks: 1,
              desiredTasks: 1,
              updating: false,
            },
          ],
        }),
      ),
    ).toEqual([
      '1 of 1 task of cron running',
      '3 jobs, 1 running now, none failed on its last run',
    ]);
  });

  it('has no line for an entity with nothing bound, and says an invalid annotation', () => {
    expect(texts(status({ level: 'none' }))).toEqual([]);
    expect(
      texts(status({ level: 'none', problem: 'The annotation is invalid.' })),
    ).toEqual(['The annotation is invalid.']);
  });
});
