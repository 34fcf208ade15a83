import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { selectorOf } from './selectorOf';

/**
 * The configured host a request names, when the entity's annotations allow
 * it, with the entity's ref and selector; otherwise the one 404 that a
 * container (or service) not found and one of another entity share, which
 * is also returned for the caller's own "not found".
 */
export function entityHost(
  hosts: DockerHostRegistry,
  request: { entity: Entity; host: string; id: string },
  what: 'container' | 'Swarm service',
) {
  const entityRef = stringifyEntityRef(request.entity);
  const notFound = new NotFoundError(
    `No ${what} ${request.id.slice(0, 12)} of ${entityRef} was found on host ${
      request.host
    }`,
  );
  const selector = selectorOf(request.entity);
  const allowed = selector.hosts ?? hosts.names();
  if (
    !allowed.includes(request.host) ||
    !hosts.names().includes(request.host)
  ) {
    throw notFound;
  }
  const [host] = hosts.select([request.host]);
  return { host, entityRef, selector, notFound };
}
