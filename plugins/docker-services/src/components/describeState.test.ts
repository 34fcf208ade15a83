import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { describeState, explainExit, formatDuration } from './describeState';

const now = new Date('2026-01-01T12:00:00Z');
const base: ContainerSummary = {
  host: 'local',
  id: 'a'.repeat(64),
  name: 'shop-api',
  image: 'shop:1',
  state: 'running',
  status: 'Up 3 hours',
  createdAt: '2026-01-01T08:00:00Z',
  ports: [],
};

describe('describeState', () => {
  it('says how long a container has been running, and its health', () => {
    expect(
      describeState({ ...base, startedAt: '2026-01-01T09:00:00Z' }, now),
    ).toBe('Running for 3 hours');
    expect(
      describeState(
        { ...base, startedAt: '2026-01-01T11:59:00Z', health: 'unhealthy' },
        now,
      ),
    ).toBe('Running for 1 minute, failing its health check');
  });

  it('explains why a container exited', () => {
    expect(
      describeState(
        {
          ...base,
          state: 'exited',
          finishedAt: '2026-01-01T11:55:00Z',
          exitCode: 137,
          oomKilled: true,
        },
        now,
      ),
    ).toBe(
      'Exited 5 minutes ago with code 137: killed because it ran out of memory',
    );
    expect(
      describeState(
        {
          ...base,
          state: 'exited',
          finishedAt: '2025-12-30T12:00:00Z',
          exitCode: 0,
        },
        now,
      ),
    ).toBe('Exited 2 days ago with code 0: finished normally');
  });

  it('names a container that never started', () => {
    expect(describeState({ ...base, state: 'created' }, now)).toBe(
      'Created, never started',
    );
  });
});

describe('explainExit', () => {
  it.each([
    [137, /killed at once \(SIGKILL\): out of memory, or/],
    [143, /SIGTERM/],
    [139, /segmentation fault/],
    [127, /not found/],
    [131, /SIGQUIT/],
    [42, /reported an error/],
  ])('explains exit code %d', (code, words) => {
    expect(explainExit(code)).toMatch(words);
  });
});

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(now, '2026-01-01T11:59:59Z')).toBe('1 second');
    expect(formatDuration(now, '2026-01-01T12:00:00Z')).toBe(
      'less than a second',
    );
    expect(formatDuration(now, '2025-12-01T12:00:00Z')).toBe('31 days');
  });
});
