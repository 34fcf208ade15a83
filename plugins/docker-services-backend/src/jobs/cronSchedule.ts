import { InputError } from '@backstage/errors';
import { CronTime } from 'cron';

/** A checked schedule: its expression, time zone and next ticks. */
export interface CronSchedule {
  cron: string;
  timeZone: string;
  /** The first tick after `from`. */
  nextAfter(from: Date): Date;
  /** In words: "every day at 02:00", "every 5 minutes". */
  description: string;
}

const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/**
 * Reads a cron expression (five fields, minute first; or six, seconds
 * first) in an IANA time zone, and refuses, in words, one that is not
 * valid or ticks more often than `minIntervalSeconds`.
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
  const nextAfter = (from: Date) =>
    time.getNextDateFrom(from, timeZone).toJSDate();
  // The shortest gap among the next ticks (a day's worth of minutes is
  // enough to see any pattern that ticks too often).
  let previous = nextAfter(new Date());
  for (let i = 0; i < 60; i++) {
    const next = nextAfter(previous);
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
  return {
    cron: expression,
    timeZone,
    nextAfter,
    description: describeCron(fields),
  };
}

/** A cron expression in words, for the common shapes; else the expression. */
export function describeCron(fields: string[]): string {
  const [second, minute, hour, day, month, weekday] =
    fields.length === 6 ? fields : ['0', ...fields];
  const every = /^\*\/(\d+)$/;
  const number = /^\d+$/;
  const rest = [day, month, weekday].join(' ');
  if (every.test(second) && [minute, hour].every(f => f === '*')) {
    if (rest === '* * *') {
      return `every ${plural(Number(every.exec(second)![1]), 'second')}`;
    }
  }
  if (second !== '0' && fields.length === 6)
    return `on the cron schedule ${fields.join(' ')}`;
  if (every.test(minute) && hour === '*' && rest === '* * *') {
    return `every ${plural(Number(every.exec(minute)![1]), 'minute')}`;
  }
  if (number.test(minute) && hour === '*' && rest === '* * *') {
    return `every hour at minute ${Number(minute)}`;
  }
  if (number.test(minute) && number.test(hour) && month === '*') {
    const at = `at ${pad(hour)}:${pad(minute)}`;
    if (day === '*' && weekday === '*') return `every day ${at}`;
    if (day === '*' && weekday === '1-5')
      return `every weekday (Monday to Friday) ${at}`;
    if (day === '*' && /^[0-7]$/.test(weekday)) {
      return `every ${DAYS[Number(weekday) % 7]} ${at}`;
    }
    if (number.test(day) && weekday === '*') {
      return `on day ${Number(day)} of every month ${at}`;
    }
  }
  return `on the cron schedule ${fields.join(' ')}`;
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

function plural(n: number, unit: string): string {
  return n === 1 ? unit : `${n} ${unit}s`;
}

function pad(value: string): string {
  return value.padStart(2, '0');
}

function short(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
