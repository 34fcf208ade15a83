import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { summarizeState } from './stateSummary';

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

describe('summarizeState', () => {
  it('says a running container’s state in a few words', () => {
    expect(
      summarizeState({ ...base, startedAt: '2026-01-01T09:00:00Z' }, now),
    ).toBe('Running 3 h');
    expect(
      summarizeState(
        { ...base, startedAt: '2026-01-01T11:59:30Z', health: 'unhealthy' },
        now,
      ),
    ).toBe('Running 30 s, unhealthy');
    expect(
      summarizeState(
        { ...base, startedAt: '2025-12-30T11:00:00Z', health: 'healthy' },
        now,
      ),
    ).toBe('Running 2 days, healthy');
  });

  it('says when and with which code a container ended, leaving the why to "Why did it stop?"', () => {
    expect(
      summarizeState(
        {
          ...base,
          state: 'exited',
          finishedAt: '2026-01-01T11:24:00Z',
          exitCode: 3,
        },
        now,
      ),
    ).toBe('Exited 36 min ago, code 3');
    expect(summarizeState({ ...base, state: 'dead' }, now)).toBe('Dead');
    expect(summarizeState({ ...base, state: 'created' }, now)).toBe(
      'Created, never started',
    );
  });
});
