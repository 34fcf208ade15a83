import {
  failedRun,
  jobWith,
  reportJob,
  runsPage,
  runWith,
} from '../__testUtils__/jobFixtures';
import {
  clockTime,
  lastRunSentence,
  retriesSentence,
  runDurationWords,
  runNumberWords,
  runOutcomeWords,
  scheduleSentence,
  startedByWords,
} from './jobWords';

const now = new Date('2026-03-02T12:00:00Z');
const ago = (seconds: number) =>
  new Date(now.getTime() - seconds * 1000).toISOString();
const inSeconds = (seconds: number) => ago(-seconds);

describe('lastRunSentence', () => {
  it('says how the last run ended and how long ago, from the backend summary', () => {
    const run = { ...failedRun, finishedAt: ago(2 * 3600 + 50) };
    expect(lastRunSentence(jobWith({ lastRun: run }), now)).toBe(
      'Last run: failed after 4 min with code 3 (the program reported an error), 2 hours ago',
    );
  });

  it('says for how long a run runs and who started it', () => {
    const running = runWith({
      outcome: 'running',
      trigger: 'portal',
      actor: 'user:default/alice',
      startedAt: ago(12),
      finishedAt: undefined,
    });
    expect(lastRunSentence(jobWith({ lastRun: running }), now)).toBe(
      'Running for 12 s (started by alice)',
    );
    expect(
      lastRunSentence(
        jobWith({ lastRun: { ...running, trigger: 'schedule' } }),
        now,
      ),
    ).toBe('Running for 12 s (started by the schedule)');
    expect(
      lastRunSentence(
        jobWith({ lastRun: { ...running, trigger: 'outside' } }),
        now,
      ),
    ).toBe('Running for 12 s (started outside the portal)');
  });

  it('says when a failed run is retried, and when nothing ran yet', () => {
    const retryAt = new Date(2026, 2, 2, 14, 5).toISOString();
    const run = { ...failedRun, finishedAt: ago(60), retryAt };
    expect(lastRunSentence(jobWith({ lastRun: run }), now)).toMatch(
      /, 1 minute ago; retry at 14:05$/,
    );
    expect(lastRunSentence(jobWith({ lastRun: undefined }), now)).toBe(
      'No run recorded yet',
    );
  });
});

describe('scheduleSentence', () => {
  const schedule = reportJob.schedule!;

  it('says when it runs, in which time zone, and when next', () => {
    const job = jobWith({
      schedule: { ...schedule, nextRunAt: inSeconds(5 * 3600 + 30) },
    });
    expect(scheduleSentence(job, now)).toBe(
      'Runs every day at 02:00 (Europe/Berlin) · next run in 5 hours',
    );
  });

  it('says a paused schedule, no schedule, and schedules off on the host', () => {
    expect(
      scheduleSentence(jobWith({ schedule: { ...schedule, paused: true } })),
    ).toBe('Schedule paused (every day at 02:00 (Europe/Berlin))');
    expect(scheduleSentence(jobWith({ schedule: undefined }))).toBe(
      'No schedule',
    );
    expect(
      scheduleSentence(
        jobWith({ schedulesEnabled: false, schedule: undefined }),
      ),
    ).toBe("Schedules are off on host local (the portal's configuration)");
    expect(scheduleSentence(jobWith({ schedulesEnabled: false }))).toBe(
      "Schedules are off on host local (the portal's configuration), so it does not run every day at 02:00 (Europe/Berlin)",
    );
  });
});

describe('retriesSentence', () => {
  it('says how often and how far apart a failed run is retried, and nothing without retries', () => {
    expect(retriesSentence(reportJob)).toBe(
      'Retries a failed run 2 times, 30 s apart',
    );
    expect(
      retriesSentence(jobWith({ retries: { count: 1, delaySeconds: 300 } })),
    ).toBe('Retries a failed run once, 5 min later');
    expect(
      retriesSentence(jobWith({ retries: { count: 0, delaySeconds: 30 } })),
    ).toBeUndefined();
  });
});

describe('a run in the runs table', () => {
  const [retry, skipped, first] = runsPage.items;

  it('numbers a retry after the run it retries', () => {
    expect(runNumberWords(first, runsPage.items)).toBe('#11');
    expect(runNumberWords(retry, runsPage.items)).toBe(
      '#13: retry 1 of run #11',
    );
    // Its first run is on a page not read yet.
    expect(runNumberWords(retry, [retry])).toBe('#13: retry 1, after run #11');
    // Older runs recorded without the link.
    expect(runNumberWords({ ...retry, retryOf: undefined }, [retry])).toBe(
      '#13: retry 1',
    );
  });

  it('says who started it', () => {
    expect(runsPage.items.map(startedByWords)).toEqual([
      'a retry',
      'the schedule',
      'alice',
    ]);
    expect(startedByWords(runWith({ trigger: 'outside' }))).toBe(
      'outside the portal',
    );
  });

  it('says how it ended, a skipped run that it never started, and a planned retry', () => {
    expect(runOutcomeWords(first)).toBe(
      'Failed after 4 min with code 3 (the program reported an error)',
    );
    expect(runOutcomeWords(skipped)).toBe(
      'Not started: the previous run was still running',
    );
    const retryAt = new Date(2026, 2, 2, 14, 5).toISOString();
    expect(runOutcomeWords({ ...first, retryAt })).toBe(
      'Failed after 4 min with code 3 (the program reported an error); retry at 14:05',
    );
    expect(clockTime(new Date(2026, 0, 1, 9, 7).toISOString())).toBe('09:07');
  });

  it('says how long it took, or runs so far, and nothing for a skipped run', () => {
    expect(runDurationWords(first)).toBe('4 min');
    expect(runDurationWords(skipped)).toBe('—');
    expect(
      runDurationWords(
        runWith({
          outcome: 'running',
          startedAt: ago(90),
          durationMs: undefined,
        }),
        now,
      ),
    ).toBe('1 min so far');
  });
});
