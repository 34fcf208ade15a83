import { parseCronSchedule } from './cronSchedule';

describe('parseCronSchedule', () => {
  it.each([
    ['0 2 * * *', 'every day at 02:00'],
    ['30 14 * * 1-5', 'every weekday (Monday to Friday) at 14:30'],
    ['0 9 * * 1', 'every Monday at 09:00'],
    ['0 6 1 * *', 'on day 1 of every month at 06:00'],
    ['15 * * * *', 'every hour at minute 15'],
    ['*/10 * * * *', 'every 10 minutes'],
    ['*/5 * * * * *', 'every 5 seconds'],
    ['0 0 2 */2 * *', 'on the cron schedule 0 0 2 */2 * *'],
    ['0 2 1-7 * 1', 'on the cron schedule 0 2 1-7 * 1'],
  ])('says %s as "%s"', (cron, words) => {
    expect(parseCronSchedule(cron, 'UTC', 1).description).toBe(words);
  });

  it('reads the expression in its time zone', () => {
    const schedule = parseCronSchedule('0 2 * * *', 'America/New_York', 60);
    // 2026-07-01 is summer time in New York: 02:00 there is 06:00 UTC.
    expect(
      schedule.nextAfter(new Date('2026-07-01T12:00:00Z')).toISOString(),
    ).toBe('2026-07-02T06:00:00.000Z');
    // In winter, 07:00 UTC.
    expect(
      schedule.nextAfter(new Date('2026-12-01T12:00:00Z')).toISOString(),
    ).toBe('2026-12-02T07:00:00.000Z');
  });

  it('refuses what ticks more often than allowed, and allows the limit itself', () => {
    expect(() => parseCronSchedule('*/5 * * * *', 'UTC', 600)).toThrow(
      'at most once every 10 minutes',
    );
    expect(parseCronSchedule('*/10 * * * *', 'UTC', 600).description).toBe(
      'every 10 minutes',
    );
  });
});
