import {
  ContainerSummary,
  JobSummary,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import {
  countContainers,
  countJobs,
  countService,
  worstLevel,
} from './summarizeStatus';

function container(overrides: Partial<ContainerSummary>): ContainerSummary {
  return {
    host: 'local',
    id: 'a'.repeat(64),
    name: 'web-1',
    image: 'web:1',
    state: 'running',
    status: 'Up 3 hours',
    createdAt: '2026-12-01T10:00:00Z',
    ports: [],
    ...overrides,
  };
}

function service(overrides: Partial<SwarmServiceSummary>): SwarmServiceSummary {
  return {
    host: 'local',
    id: 'k3j2h4g5f6d7s8a9q0w1e2r3t',
    name: 'shop_api',
    image: 'api:1',
    mode: 'replicated',
    desiredTasks: 3,
    runningTasks: 3,
    summary: '3 of 3 running',
    tasks: [],
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    scaleLimits: { min: 0, max: 10 },
    ...overrides,
  };
}

function job(overrides: Partial<JobSummary>): JobSummary {
  return {
    host: 'local',
    containerId: 'b'.repeat(64),
    containerName: 'nightly-report',
    state: 'exited',
    running: false,
    retries: { count: 0, delaySeconds: 0 },
    schedulesEnabled: true,
    ...overrides,
  };
}

const run = (outcome: 'failed' | 'succeeded', finishedAt: string) => ({
  id: 1,
  entityRef: 'component:default/reports',
  host: 'local',
  containerId: 'b'.repeat(64),
  containerName: 'nightly-report',
  trigger: 'schedule' as const,
  attempt: 1,
  outcome,
  startedAt: '2026-12-01T01:00:00Z',
  finishedAt,
  exitCode: outcome === 'failed' ? 3 : 0,
  summary: outcome === 'failed' ? 'Failed with exit code 3' : 'Succeeded',
});

describe('the status counts', () => {
  it('counts containers by state and health, jobs apart', () => {
    expect(
      countContainers([
        container({ health: 'healthy' }),
        container({ health: 'healthy' }),
        container({
          state: 'exited',
          job: { retries: { count: 0, delaySeconds: 0 } },
        }),
      ]),
    ).toEqual({
      level: 'ok',
      total: 2,
      running: 2,
      healthy: 2,
      unhealthy: 0,
      healthStarting: 0,
      restarting: 0,
      conflicts: 0,
    });
    expect(
      countContainers([
        container({ job: { retries: { count: 0, delaySeconds: 0 } } }),
      ]),
    ).toBeUndefined();
    expect(countContainers([])).toBeUndefined();
  });

  it('calls unhealthy, restarting or nothing running failing; a stopped one or a pending check degraded', () => {
    const level = (cs: ContainerSummary[]) => countContainers(cs)?.level;
    expect(level([container({ health: 'unhealthy' })])).toBe('failing');
    expect(level([container({}), container({ state: 'restarting' })])).toBe(
      'failing',
    );
    expect(level([container({ state: 'exited', exitCode: 0 })])).toBe(
      'failing',
    );
    expect(level([container({}), container({ state: 'exited' })])).toBe(
      'degraded',
    );
    expect(level([container({ health: 'starting' })])).toBe('degraded');
    expect(
      level([
        container({ conflict: { entityRefs: ['a', 'b'], message: 'm' } }),
      ]),
    ).toBe('degraded');
  });

  it('calls a service with no task running failing, one short of its replicas or updating degraded', () => {
    expect(countService(service({}))).toEqual({
      level: 'ok',
      host: 'local',
      name: 'shop_api',
      runningTasks: 3,
      desiredTasks: 3,
      updating: false,
    });
    expect(countService(service({ runningTasks: 0 })).level).toBe('failing');
    expect(countService(service({ runningTasks: 2 })).level).toBe('degraded');
    expect(
      countService(
        service({ update: { state: 'updating', explanation: 'updating' } }),
      ),
    ).toMatchObject({ level: 'degraded', updating: true });
    // Scaled to zero on purpose: nothing is missing.
    expect(
      countService(service({ desiredTasks: 0, runningTasks: 0 })).level,
    ).toBe('ok');
  });

  it('lists the jobs whose last run failed, the latest failure first', () => {
    expect(countJobs([])).toBeUndefined();
    expect(
      countJobs([
        job({ lastRun: run('succeeded', '2026-12-01T02:00:00Z') }),
        job({
          containerName: 'a',
          lastRun: run('failed', '2026-12-01T01:00:00Z'),
        }),
        job({
          containerName: 'b',
          lastRun: run('failed', '2026-12-01T03:00:00Z'),
        }),
        job({ containerName: 'c', running: true }),
      ]),
    ).toEqual({
      level: 'failing',
      total: 4,
      running: 1,
      failed: [
        {
          host: 'local',
          name: 'b',
          finishedAt: '2026-12-01T03:00:00Z',
          exitCode: 3,
        },
        {
          host: 'local',
          name: 'a',
          finishedAt: '2026-12-01T01:00:00Z',
          exitCode: 3,
        },
      ],
    });
  });

  it('orders failing before unknown before degraded before ok', () => {
    expect(worstLevel(['ok', 'degraded', 'unknown'])).toBe('unknown');
    expect(worstLevel(['ok', 'failing', 'unknown'])).toBe('failing');
    expect(worstLevel([])).toBe('ok');
  });
});
