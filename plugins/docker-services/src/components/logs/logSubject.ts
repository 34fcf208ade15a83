import {
  ContainerSummary,
  JobRun,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { sharedNamePrefix } from './containerTag';

/** What the logs drawer says of whose log it shows. */
export interface LogSubject {
  /** "Logs of shop-web-1". */
  title: string;
  /** What a downloaded file is named after: "shop-web-1", "report-1_run-7". */
  fileBase: string;
  /** The time a fixed range covers (a job's run), for the file's name. */
  range?: { from?: string; to?: string };
  /** Follow live when the drawer opens. */
  running: boolean;
  /**
   * The "since it last started" choice: its words, and its time when known.
   * Absent when the log's time range is fixed (a job's run): then there are
   * no times to choose, and `fixedRange` says what the log covers.
   */
  lastStart?: { label: string; since?: string };
  fixedRange?: string;
  /**
   * For a service's log: its name, from which each line's task and node are
   * named ("shop-api.2@node-2").
   */
  serviceName?: string;
  /**
   * For the merged log of an entity's containers: what their names share,
   * left out of each line's tag ("web-1" for "demo-shop-web-1").
   */
  containerPrefix?: string;
}

export function containerLogSubject(container: ContainerSummary): LogSubject {
  return {
    title: `Logs of ${container.name}`,
    fileBase: container.name,
    running: container.state === 'running',
    lastStart: {
      label: 'Since it last started',
      since: container.startedAt ? lastStartOf(container) : undefined,
    },
  };
}

// A process often writes before Docker records its start time; the end of
// the run before (or the creation) is the safe lower bound.
function lastStartOf(container: ContainerSummary): string {
  const { startedAt, finishedAt, createdAt } = container;
  if (startedAt && finishedAt && Date.parse(finishedAt) < Date.parse(startedAt))
    return finishedAt;
  return createdAt;
}

export function serviceLogSubject(service: SwarmServiceSummary): LogSubject {
  return {
    title: `Logs of ${service.name} (all its tasks)`,
    fileBase: service.name,
    running: service.runningTasks > 0,
    // A scale or a rolling restart changes the service, and starts tasks.
    lastStart: {
      label: 'Since it last changed',
      since: service.update?.startedAt ?? service.updatedAt,
    },
    serviceName: service.name,
  };
}

/** One run of a job: the run's own lines, followed while it runs. */
export function runLogSubject(run: JobRun): LogSubject {
  const running = run.outcome === 'running';
  return {
    title: `Log of run ${run.id} of ${run.containerName}`,
    fileBase: `${run.containerName}_run-${run.id}`,
    range: { from: run.startedAt, to: run.finishedAt },
    running,
    fixedRange: running
      ? 'The lines of this run since it started; it is still running.'
      : 'The lines of this run only, from its start to its end.',
  };
}

/**
 * All the entity's containers on one host, merged by time: followed when
 * one of them runs. The number of lines is per container.
 */
export function entityLogSubject(
  entityName: string,
  host: string,
  containers: ContainerSummary[],
): LogSubject {
  return {
    title: `Logs of all ${containers.length} containers of ${entityName} on host ${host}`,
    fileBase: `${entityName}_all-containers`,
    running: containers.some(c => c.state === 'running'),
    lastStart: {
      label: 'Since the first of them last started',
      since: containers
        .filter(c => c.startedAt)
        .map(lastStartOf)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0],
    },
    containerPrefix: sharedNamePrefix(containers),
  };
}
