import { LogStreamEvent } from '@docker-services/backstage-plugin-docker-services-common';
import {
  ContainerTarget,
  DockerServicesApi,
  EntityLogsTarget,
  JobRunTarget,
  LogQuery,
  SwarmServiceTarget,
} from '../api/DockerServicesApi';

/**
 * Whose log the drawer shows: one container's, all tasks of a service, or
 * one run of a job. A run sets its own time range: the client sends no
 * `since` or `until` for it, so a dropped stream of a running run resumes
 * by reading the run's log again, and the lines it already has are skipped.
 */
export type LogSource =
  | { kind: 'container'; target: ContainerTarget }
  | { kind: 'service'; target: SwarmServiceTarget }
  | { kind: 'run'; target: JobRunTarget }
  /** All the entity's containers on a host (or all hosts), merged by time. */
  | { kind: 'entity'; target: EntityLogsTarget };

/** A key that changes when the source does. */
export function logSourceKey(source: LogSource): string {
  if (source.kind === 'entity') {
    const { kind, namespace, name } = source.target.entityRef;
    return `entity/${kind}:${namespace}/${name}/${source.target.host ?? ''}`;
  }
  const key = `${source.kind}/${source.target.host}/${source.target.id}`;
  return source.kind === 'run' ? `${key}/${source.target.runId}` : key;
}

export function streamLogsOf(
  api: DockerServicesApi,
  source: LogSource,
  query: LogQuery,
  signal: AbortSignal,
): AsyncGenerator<LogStreamEvent> {
  switch (source.kind) {
    case 'service':
      return api.streamSwarmServiceLogs(source.target, query, signal);
    case 'run':
      return api.streamJobRunLogs(source.target, query, signal);
    case 'entity':
      return api.streamEntityLogs(source.target, query, signal);
    default:
      return api.streamLogs(source.target, query, signal);
  }
}

export function downloadLogsOf(
  api: DockerServicesApi,
  source: LogSource,
  query: LogQuery,
): Promise<{ blob: Blob; fileName: string }> {
  switch (source.kind) {
    case 'service':
      return api.downloadSwarmServiceLogs(source.target, query);
    case 'run':
      return api.downloadJobRunLogs(source.target, query);
    case 'entity':
      return api.downloadEntityLogs(source.target, query);
    default:
      return api.downloadLogs(source.target, query);
  }
}
