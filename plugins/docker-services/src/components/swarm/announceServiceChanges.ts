import {
  SwarmServiceListResponse,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';

function byKey(list: SwarmServiceListResponse) {
  return new Map(
    list.hosts.flatMap(host =>
      host.status === 'ok'
        ? host.services.map(s => [`${s.host}/${s.id}`, s] as const)
        : [],
    ),
  );
}

function updateOf(service: SwarmServiceSummary): string | undefined {
  return service.update?.explanation;
}

/**
 * What changed between two readings of the services, in sentences to
 * announce: how many tasks run ("shop-api: 3 of 3 running"), an update that
 * started or ended, a service that came or went. Hosts are announced with
 * the containers.
 */
export function announceServiceChanges(
  before: SwarmServiceListResponse,
  after: SwarmServiceListResponse,
): string[] {
  const messages: string[] = [];
  const old = byKey(before);
  const current = byKey(after);
  for (const [key, service] of current) {
    const previous = old.get(key);
    if (!previous) {
      messages.push(
        `Swarm service ${service.name} appeared: ${service.summary}`,
      );
      continue;
    }
    if (previous.summary !== service.summary)
      messages.push(`${service.name}: ${service.summary}`);
    if (updateOf(previous) !== updateOf(service) && service.update)
      messages.push(`${service.name}: ${service.update.explanation}`);
  }
  const okHosts = new Set(
    after.hosts.filter(h => h.status === 'ok').map(h => h.name),
  );
  for (const [key, service] of old) {
    if (!current.has(key) && okHosts.has(service.host))
      messages.push(`Swarm service ${service.name} is no longer listed.`);
  }
  return messages;
}
