import { failedJobWords, resultsSentence, taskLine } from './fleetWords';

describe('the Docker page in words', () => {
  const sentence = (
    containers: number,
    services: number,
    failingJobs: number,
    q = '',
    truncated = false,
  ) => resultsSentence({ containers, services, failingJobs, q, truncated });

  it('says what a search found, leaving out kinds it found none of', () => {
    expect(sentence(1, 0, 0, 'abc123')).toBe('1 container matching “abc123”.');
    expect(sentence(0, 1, 0, 'api')).toBe('1 Swarm service matching “api”.');
    expect(sentence(2, 1, 0, 'shop')).toBe(
      '2 containers and 1 Swarm service matching “shop”.',
    );
    expect(sentence(3, 2, 1)).toBe(
      '3 containers, 2 Swarm services and 1 failing job.',
    );
    expect(sentence(0, 0, 0, 'zzz')).toBe(
      'Nothing matching “zzz” among what you have access to.',
    );
    expect(sentence(100, 1, 0, 'a', true)).toBe(
      'Showing the first 100 containers and 1 Swarm service matching “a”; more match, narrow the search.',
    );
  });

  it("names a task as Docker does, with Swarm's account of it", () => {
    expect(
      taskLine({
        id: 't',
        name: 'demo-shop_api.2',
        state: 'running',
        explanation: 'running on vm for 6 minutes',
      }),
    ).toBe('demo-shop_api.2: running on vm for 6 minutes');
  });

  it('says when a job last failed and what its exit code means', () => {
    const now = new Date('2026-12-06T06:00:00Z');
    expect(
      failedJobWords(
        {
          host: 'local',
          name: 'r',
          finishedAt: '2026-12-06T04:00:00Z',
          exitCode: 3,
        },
        now,
      ),
    ).toMatch(/^Last run failed 2 hours ago \(exit code 3: .+\)$/);
    expect(failedJobWords({ host: 'local', name: 'r' }, now)).toBe(
      'Last run failed',
    );
  });
});
