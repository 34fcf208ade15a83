/**
 * How the schedule dialog asks for a schedule: every day at a time, every
 * hour at a minute (both written as cron for the backend), or a cron
 * expression as typed.
 */
export type ScheduleMode = 'daily' | 'hourly' | 'cron';

export interface ScheduleForm {
  mode: ScheduleMode;
  /** "02:00", for `daily`. */
  time: string;
  /** "15", for `hourly`. */
  minute: string;
  /** As typed, for `cron`. */
  cron: string;
}

const DAILY = /^(\d{1,2}) (\d{1,2}) \* \* \*$/;
const HOURLY = /^(\d{1,2}) \* \* \* \*$/;
const pad = (n: number | string) => String(n).padStart(2, '0');

/** The form for a cron expression: the simplest mode that says it. */
export function formOfCron(cron?: string): ScheduleForm {
  const form: ScheduleForm = {
    mode: 'daily',
    time: '02:00',
    minute: '0',
    cron: cron ?? '0 2 * * *',
  };
  const text = cron?.trim().replace(/\s+/g, ' ');
  if (text === undefined) return form;
  const daily = DAILY.exec(text);
  if (daily && Number(daily[1]) < 60 && Number(daily[2]) < 24)
    return { ...form, time: `${pad(daily[2])}:${pad(daily[1])}` };
  const hourly = HOURLY.exec(text);
  if (hourly && Number(hourly[1]) < 60)
    return { ...form, mode: 'hourly', minute: String(Number(hourly[1])) };
  return { ...form, mode: 'cron' };
}

/**
 * The cron expression the form says, or undefined with why in words. A
 * typed expression is checked by the backend only: it knows its dialect.
 */
export function cronOfForm(
  form: ScheduleForm,
): { cron: string } | { problem: string } {
  if (form.mode === 'daily') {
    const match = /^(\d{1,2}):(\d{2})$/.exec(form.time);
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59)
      return { problem: 'Enter a time of day, such as 02:00.' };
    return { cron: `${Number(match[2])} ${Number(match[1])} * * *` };
  }
  if (form.mode === 'hourly') {
    const minute = form.minute.trim();
    if (!/^\d{1,2}$/.test(minute) || Number(minute) > 59)
      return { problem: 'Enter a minute from 0 to 59.' };
    return { cron: `${Number(minute)} * * * *` };
  }
  const cron = form.cron.trim().replace(/\s+/g, ' ');
  return cron
    ? { cron }
    : { problem: 'Enter a cron expression, such as 0 2 * * *.' };
}

/** The browser's time zone, the default for a new schedule. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
