import {
  ContainerListResponse,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { describeState } from './describeState';

type ContainerList = Pick<ContainerListResponse, 'hosts'>;

function keyOf(c: ContainerSummary): string {
  return `${c.host}/${c.id}`;
}

function byKey(list: ContainerList): Map<string, ContainerSummary> {
  return new Map(
    list.hosts.flatMap(host =>
      host.status === 'ok'
        ? host.containers.map(c => [keyOf(c), c] as const)
        : [],
    ),
  );
}

/**
 * What changed between two readings of the tab, in sentences to announce:
 * a container's state or health, a container that came or went, a host
 * that stopped or started answering. A restart (running before and after)
 * is told by its action's result, not here.
 */
export function announceChanges(
  before: ContainerList,
  after: ContainerList,
  now = new Date(),
): string[] {
  const messages: string[] = [];
  const hostsBefore = new Map(before.hosts.map(h => [h.name, h.status]));
  for (const host of after.hosts) {
    const was = hostsBefore.get(host.name);
    if (was === 'ok' && host.status === 'unavailable') {
      messages.push(`Host ${host.name} is unavailable.`);
    } else if (was === 'unavailable' && host.status === 'ok') {
      messages.push(`Host ${host.name} answers again.`);
    }
  }
  const old = byKey(before);
  const current = byKey(after);
  for (const [key, c] of current) {
    const previous = old.get(key);
    if (!previous) {
      messages.push(`${c.name} appeared: ${describeState(c, now)}`);
    } else if (previous.state !== c.state || previous.health !== c.health) {
      messages.push(`${c.name}: ${describeState(c, now)}`);
    }
  }
  const hostsAfter = new Map(after.hosts.map(h => [h.name, h.status]));
  for (const [key, c] of old) {
    // A host that became unavailable was announced as such.
    if (!current.has(key) && hostsAfter.get(c.host) === 'ok') {
      messages.push(`${c.name} is no longer listed.`);
    }
  }
  return messages;
}
