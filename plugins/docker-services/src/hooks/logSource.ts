import { LogStreamEvent } from '@docker-services/backstage-plugin-docker-services-common';
import {
  ContainerTarget,
  DockerServicesApi,
  LogQuery,
  SwarmServiceTarget,
} from '../api/DockerServicesApi';

/** Whose log the drawer shows: one container's, or all tasks of a service. */
export type LogSource =
  | { kind: 'container'; target: ContainerTarget }
  | { kind: 'service'; target: SwarmServiceTarget };

/** A key that changes when the source does. */
export function logSourceKey(source: LogSource): string {
  return `${source.kind}/${source.target.host}/${source.target.id}`;
}

export function streamLogsOf(
  api: DockerServicesApi,
  source: LogSource,
  query: LogQuery,
  signal: AbortSignal,
): AsyncGenerator<LogStreamEvent> {
  return source.kind === 'service'
    ? api.streamSwarmServiceLogs(source.target, query, signal)
    : api.streamLogs(source.target, query, signal);
}

export function downloadLogsOf(
  api: DockerServicesApi,
  source: LogSource,
  query: LogQuery,
): Promise<{ blob: Blob; fileName: string }> {
  return source.kind === 'service'
    ? api.downloadSwarmServiceLogs(source.target, query)
    : api.downloadLogs(source.target, query);
}
