import {
  JobSchedule,
  JobScheduleRequest,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';

/** What a change of a job's schedule is: for its outcome and failure. */
export type ScheduleChange = 'set' | 'pause' | 'resume';

/** Which change a request to the schedule is, from the job's schedule now. */
export function scheduleChangeOf(
  job: JobSummary,
  request: JobScheduleRequest,
): ScheduleChange {
  const now = job.schedule;
  if (!now || request.cron !== now.cron || request.timeZone !== now.timeZone)
    return 'set';
  if (request.paused && !now.paused) return 'pause';
  if (!request.paused && now.paused) return 'resume';
  return 'set';
}

/** How a change of the schedule ended, for the toast and the live region. */
export function scheduleOutcome(
  job: JobSummary,
  change: ScheduleChange,
  schedule: JobSchedule,
): string {
  const name = job.containerName;
  const when = `${schedule.description} (${schedule.timeZone})`;
  switch (change) {
    case 'pause':
      return `The schedule of ${name} is paused: it does not run ${when} until it is resumed.`;
    case 'resume':
      return `The schedule of ${name} is resumed: it runs ${when}.`;
    default:
      return schedule.paused
        ? `The schedule of ${name} is set to ${when}, and stays paused.`
        : `The schedule of ${name} is set: it runs ${when}.`;
  }
}

/** "Could not pause the schedule of demo-data-report-1". */
export function scheduleFailureTitle(
  job: JobSummary,
  change: ScheduleChange | 'remove',
): string {
  const verb = {
    set: 'set',
    pause: 'pause',
    resume: 'resume',
    remove: 'remove',
  }[change];
  return `Could not ${verb} the schedule of ${job.containerName}`;
}
