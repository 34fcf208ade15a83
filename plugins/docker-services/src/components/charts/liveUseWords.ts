import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import { LiveStatsState } from '../../hooks/useLiveStats';
import { cpuSummary, memorySummary } from './chartWords';

/** What one container of a combined chart measured, under its name. */
export interface ContainerUse {
  id: string;
  name: string;
  live: LiveStatsState;
}

/**
 * One container's line beside a combined chart: the single-container
 * summary ("CPU: now …") with the container's name in place of the
 * chart's, so each line says whose use it is.
 */
function named(
  use: ContainerUse,
  summary: (samples: StatsSample[]) => string,
): string {
  const { samples, status, message } = use.live;
  if (samples.length === 0 && status === 'failed' && message) {
    return `${use.name}: ${message}`;
  }
  return summary(samples).replace(/^[A-Za-z]+: /, `${use.name}: `);
}

/** "web-1: now 12.0 % of one core; lowest …, highest … over the last …". */
export const containerCpuSummary = (use: ContainerUse) =>
  named(use, cpuSummary);

/** "web-1: now 40.1 MiB of 1.0 GiB allowed; lowest …, highest …". */
export const containerMemorySummary = (use: ContainerUse) =>
  named(use, memorySummary);

/** A stopped container is named, not drawn. */
export const notRunningLine = (name: string) =>
  `${name}: not running: no live use.`;
