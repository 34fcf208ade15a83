import { InputError } from '@backstage/errors';
import { CronTime } from 'cron';
import { describeCron, plural } from './describeCron';

/** A checked schedule: its expression, time zone and next ticks. */
export interface CronSchedule {
  cron: string;
  timeZone: string;
  /**
   * The first tick after `from`; an InputError in words when there is none
   * within 8 years from now.
   */
  nextAfter(from: Date): Date;
  /** In words: "every day at 02:00", "every 5 minutes". */
  description: string;
}

/** Days in each month, February with its 29th. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * How far the cron library looks for a tick, counted from now (not from
 * the time asked about). Asked past it, it throws a message with the
 * server's clock and time zone in it: that never reaches anyone.
 */
const SEARCH_YEARS = 8;

/**
 * The ticks the interval check compares: at most this many, none later
 * than a year after the first. A year shows every pattern that ticks too
 * often (the portal's minimum is at most a day), and keeps rare schedules
 * (quarterly, yearly, 29 February) well inside the library's window.
 */
const CHECKED_TICKS = 60;
const CHECKED_SPAN_MS = 366 * 86_400_000;

/**
 * Reads a cron expression (five fields, minute first; or six, seconds
 * first) in an IANA time zone, and refuses, in words, one that is not
 * valid, never runs, or ticks more often than `minIntervalSeconds`.
 */
export function parseCronSchedule(
  cron: string,
  timeZone: string,
  minIntervalSeconds: number,
): CronSchedule {
  const expression = cron.trim().replace(/\s+/g, ' ');
  const fields = expression.split(' ');
  if (fields.length !== 5 && fields.length !== 6) {
    throw new InputError(
      `The schedule "${short(
        cron,
      )}" is not a cron expression: it needs five fields (minute hour day-of-month month day-of-week), such as "0 2 * * *" for every day at 02:00.`,
    );
  }
  if (!isTimeZone(timeZone)) {
    throw new InputError(
      `"${short(
        timeZone,
      )}" is not a time zone: use an IANA name such as Europe/Berlin or UTC.`,
    );
  }
  let time: CronTime;
  try {
    time = new CronTime(expression, timeZone);
  } catch {
    throw new InputError(
      `The schedule "${short(
        cron,
      )}" is not a valid cron expression: each field must be a number in range, *, a list (1,15), a range (1-5) or a step (*/10).`,
    );
  }
  const first = tickAfter(time, new Date(), timeZone);
  if (!first) {
    throw new InputError(
      neverRuns(time)
        ? `The schedule "${short(
            cron,
          )}" never runs: none of the months it names has the day of the month it names (such as 31 February). Check those two fields.`
        : `The schedule "${short(
            cron,
          )}" does not run within the next ${SEARCH_YEARS} years, the furthest the portal looks ahead.`,
    );
  }
  checkInterval({ time, first, timeZone, minIntervalSeconds, cron });
  return {
    cron: expression,
    timeZone,
    nextAfter: from => {
      const next = tickAfter(time, from, timeZone);
      if (next) return next;
      throw new InputError(
        `The schedule "${short(
          cron,
        )}" has no run after ${from.toISOString()} within the next ${SEARCH_YEARS} years.`,
      );
    },
    description: describeCron(fields),
  };
}

/** The first tick after `from`, or undefined when the library finds none. */
function tickAfter(
  time: CronTime,
  from: Date,
  timeZone: string,
): Date | undefined {
  try {
    return time.getNextDateFrom(from, timeZone).toJSDate();
  } catch {
    // "No execution date was found in the next 8 years", with the
    // server's clock and time zone: the callers say it in words.
    return undefined;
  }
}

/** Refuses a schedule whose ticks come closer than `minIntervalSeconds`. */
function checkInterval(options: {
  time: CronTime;
  first: Date;
  timeZone: string;
  minIntervalSeconds: number;
  cron: string;
}) {
  const { time, first, timeZone, minIntervalSeconds, cron } = options;
  const until = first.getTime() + CHECKED_SPAN_MS;
  let previous = first;
  for (let i = 0; i < CHECKED_TICKS && previous.getTime() <= until; i++) {
    const next = tickAfter(time, previous, timeZone);
    if (!next) return;
    if ((next.getTime() - previous.getTime()) / 1000 < minIntervalSeconds) {
      throw new InputError(
        `The schedule "${short(
          cron,
        )}" would start a run more often than the portal allows: at most once every ${describeSeconds(
          minIntervalSeconds,
        )}.`,
      );
    }
    previous = next;
  }
}

/** Whether none of the months named has any of the days of the month named. */
function neverRuns(time: CronTime): boolean {
  // The fields as the library read them (names and ranges spelled out):
  // second, minute, hour, day of the month, month 1-12, day of the week.
  const [, , , days, months, weekdays] = time.toJSON();
  // A day of the week runs besides the day of the month (either matches).
  if (weekdays !== '*' || days === '*') return false;
  const monthList =
    months === '*'
      ? MONTH_DAYS.map((_, i) => i + 1)
      : months.split(',').map(Number);
  const firstDay = Math.min(...days.split(',').map(Number));
  return monthList.every(month => firstDay > MONTH_DAYS[month - 1]);
}

function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) return false;
  try {
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone }));
  } catch {
    return false;
  }
}

function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function short(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
