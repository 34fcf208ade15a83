import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How long a chart reaches back: the samples each container keeps. */
export const LIVE_STATS_WINDOW_SECONDS = 15 * 60;

/** `dockerServices.liveStats`, with defaults. */
export interface LiveStatsSettings {
  /** Containers measured at once; one more is refused until a chart closes. */
  maxContainers: number;
  /** Seconds between two samples. */
  intervalSeconds: number;
  /** Seconds a container is still measured after its last viewer left. */
  graceSeconds: number;
  /** How far back the samples reach. */
  windowSeconds: number;
}

export function readLiveStatsSettings(config: Config): LiveStatsSettings {
  const own = config.getOptionalConfig('dockerServices.liveStats');
  const bounded = (key: string, fallback: number, min: number, max: number) => {
    const value = own?.getOptionalNumber(key) ?? fallback;
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      throw new InputError(
        `dockerServices.liveStats.${key} must be a whole number between ${min} and ${max}, not ${value}`,
      );
    }
    return value;
  };
  return {
    maxContainers: bounded('maxContainers', 50, 1, 1000),
    intervalSeconds: bounded('intervalSeconds', 2, 1, 60),
    graceSeconds: bounded('graceSeconds', 10, 0, 600),
    windowSeconds: LIVE_STATS_WINDOW_SECONDS,
  };
}
