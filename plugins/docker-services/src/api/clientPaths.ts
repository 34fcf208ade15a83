// The backend's paths and query strings, as the client asks for them.

import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ContainerTarget,
  JobRunLogQuery,
  JobRunTarget,
  LogQuery,
  PageQuery,
  SwarmServiceTarget,
} from './DockerServicesApi';

export function entityPath({
  kind,
  namespace,
  name,
}: CompoundEntityRef): string {
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

export function pageSuffix(page: PageQuery): string {
  const query = new URLSearchParams();
  if (page.limit) query.set('limit', String(page.limit));
  if (page.before) query.set('before', String(page.before));
  return query.size ? `?${query}` : '';
}

/**
 * A run's log query as it may be sent: the run sets the time range, even
 * when a caller holding a general `LogQuery` passes one.
 */
export function withoutTimes(query: LogQuery): JobRunLogQuery {
  const { since: _since, until: _until, ...rest } = query;
  return rest;
}

export function logQuery(
  query: LogQuery,
  format: 'ndjson' | 'text',
  /** For an entity's merged log: one host (all when absent). */
  where: { host?: string } = {},
): URLSearchParams {
  const params = new URLSearchParams({ format });
  if (where.host) params.set('host', where.host);
  if (query.tail !== undefined) params.set('tail', String(query.tail));
  if (query.since) params.set('since', query.since);
  if (query.until) params.set('until', query.until);
  if (query.timestamps) params.set('timestamps', 'true');
  if (query.follow) params.set('follow', 'true');
  return params;
}

/** A container's or a Swarm service's path under the entity's. */
function targetPath(
  collection: 'containers' | 'services',
  target: ContainerTarget | SwarmServiceTarget,
): string {
  return `${entityPath(target.entityRef)}/${collection}/${encodeURIComponent(
    target.host,
  )}/${encodeURIComponent(target.id)}`;
}

export function containerPath(target: ContainerTarget): string {
  return targetPath('containers', target);
}

export function servicePath(target: SwarmServiceTarget): string {
  return targetPath('services', target);
}

export function runPath(target: JobRunTarget): string {
  return `${containerPath(target)}/runs/${encodeURIComponent(
    String(target.runId),
  )}`;
}
