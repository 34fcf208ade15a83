import fc from 'fast-check';
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

describe('parseCronSchedule with rare schedules', () => {
  // Years from now: the cron library only looks 8 years ahead of now.
  const next = new Date().getUTCFullYear() + 1;
  const at = (iso: string) => new Date(iso);

  it('reads a quarterly schedule, with its next runs and words', () => {
    const schedule = parseCronSchedule('0 3 1 1,4,7,10 *', 'UTC', 86_400);
    expect(schedule.description).toBe(
      'on day 1 of January, April, July and October at 03:00',
    );
    expect(
      schedule.nextAfter(at(`${next}-01-01T03:00:00Z`)).toISOString(),
    ).toBe(`${next}-04-01T03:00:00.000Z`);
    expect(
      schedule.nextAfter(at(`${next}-10-01T03:00:00Z`)).toISOString(),
    ).toBe(`${next + 1}-01-01T03:00:00.000Z`);
  });

  it('reads a yearly schedule, in its time zone', () => {
    const schedule = parseCronSchedule('0 0 1 1 *', 'Europe/Berlin', 60);
    expect(schedule.description).toBe('every year on 1 January at 00:00');
    // Midnight in Berlin on New Year is 23:00 UTC the day before.
    expect(
      schedule.nextAfter(at(`${next}-01-01T12:00:00Z`)).toISOString(),
    ).toBe(`${next}-12-31T23:00:00.000Z`);
  });

  it('reads 29 February, which comes every four years', () => {
    const schedule = parseCronSchedule('0 0 29 2 *', 'UTC', 86_400);
    expect(schedule.description).toBe(
      'every leap year on 29 February at 00:00 (every four years)',
    );
    let leap = next;
    while (!(leap % 4 === 0 && (leap % 100 !== 0 || leap % 400 === 0))) {
      leap++;
    }
    expect(schedule.nextAfter(at(`${next}-03-01T00:00:00Z`))).toEqual(
      at(`${leap === next ? leap + 4 : leap}-02-29T00:00:00Z`),
    );
  });

  it('refuses, in words, a date no month has', () => {
    for (const cron of ['0 0 31 2 *', '0 0 30,31 2 *', '0 0 31 4,6,9,11 *']) {
      expect(() => parseCronSchedule(cron, 'UTC', 60)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: `The schedule "${cron}" never runs: none of the months it names has the day of the month it names (such as 31 February). Check those two fields.`,
        }),
      );
    }
    // Either field matches: every Monday of February.
    expect(parseCronSchedule('0 0 31 2 1', 'UTC', 60).cron).toBe('0 0 31 2 1');
  });

  it('says in words, never in the library’s, when a next run is out of reach', () => {
    const schedule = parseCronSchedule('0 0 29 2 *', 'UTC', 60);
    const far = at(`${next + 20}-01-01T00:00:00Z`);
    expect(() => schedule.nextAfter(far)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: `The schedule "0 0 29 2 *" has no run after ${far.toISOString()} within the next 8 years.`,
      }),
    );
  });

  it('answers any valid five-field expression with a schedule or a refusal in words', () => {
    const value = (min: number, max: number) =>
      fc.integer({ min, max }).map(String);
    const field = (min: number, max: number) =>
      fc.oneof(
        fc.constant('*'),
        value(min, max),
        fc
          .uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 })
          .map(list => list.join(',')),
        fc
          .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
          .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
        fc.integer({ min: 2, max: Math.max(2, max) }).map(n => `*/${n}`),
      );
    fc.assert(
      fc.property(
        fc.tuple(
          field(0, 59),
          field(0, 23),
          field(1, 31),
          field(1, 12),
          field(0, 6),
        ),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        (fields, timeZone) => {
          const cron = fields.join(' ');
          const answer = (): string => {
            try {
              const schedule = parseCronSchedule(cron, timeZone, 60);
              return schedule.nextAfter(new Date()).getTime() > Date.now()
                ? 'a schedule'
                : 'a run in the past';
            } catch (error) {
              const { name, message } = error as Error;
              const inWords =
                name === 'InputError' &&
                /^The schedule ".*" (never runs|would start a run more often)/.test(
                  message,
                ) &&
                !/went wrong|UTC offset|current Date/.test(message);
              return inWords ? 'a refusal in words' : `${name}: ${message}`;
            }
          };
          expect(['a schedule', 'a refusal in words']).toContain(answer());
        },
      ),
      { numRuns: 50 },
    );
  });
});
