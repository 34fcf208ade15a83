import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `dockerServices.jobs`, with defaults. */
export interface JobSettings {
  /** How often one backend replica looks for due scheduled runs and retries. */
  checkIntervalSeconds: number;
  /** Schedules that would tick more often than this are refused. */
  minScheduleIntervalSeconds: number;
  /** Runs older than this many days are removed (the newest of each job stays). */
  keepRunsDays: number;
  /** Hosts where schedules never start a run (`hosts[].jobSchedules: false`). */
  schedulesOffHosts: Set<string>;
}

export function readJobSettings(config: Config): JobSettings {
  const root = config.getOptionalConfig('dockerServices');
  const own = root?.getOptionalConfig('jobs');
  const bounded = (key: string, fallback: number, min: number, max: number) => {
    const value = own?.getOptionalNumber(key) ?? fallback;
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      throw new InputError(
        `dockerServices.jobs.${key} must be a whole number between ${min} and ${max}, not ${value}`,
      );
    }
    return value;
  };
  const schedulesOffHosts = new Set<string>();
  for (const host of root?.getOptionalConfigArray('hosts') ?? []) {
    if (host.getOptionalBoolean('jobSchedules') === false) {
      schedulesOffHosts.add(host.getString('name'));
    }
  }
  return {
    checkIntervalSeconds: bounded('checkIntervalSeconds', 5, 1, 300),
    minScheduleIntervalSeconds: bounded(
      'minScheduleIntervalSeconds',
      60,
      1,
      86_400,
    ),
    keepRunsDays: bounded('keepRunsDays', 90, 1, 3650),
    schedulesOffHosts,
  };
}
