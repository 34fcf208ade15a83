import {
  ContainerAction,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';

/** Button labels. */
export const ACTION_LABEL: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
};

/** What an action will do, in plain words, for the confirmation dialog. */
export function describeConsequence(
  action: ContainerAction,
  name: string,
): string {
  switch (action) {
    case 'start':
      return `Starting ${name} runs it again with the configuration it already has.`;
    case 'stop':
      return `Stopping ${name} makes it unavailable until someone starts it again. If it does not stop within the configured time, Docker kills it.`;
    case 'restart':
    default:
      return `Restarting ${name} stops it for a few seconds; anything using it may see errors meanwhile.`;
  }
}

/**
 * What a history row did, in words: "Restart shop-web-1", and for a Swarm
 * service "Scaled shop-api from 2 to 3" or "Rolling restart of shop-api".
 */
export function describeHistoryAction(entry: HistoryEntry): string {
  const what = historyActionWords(entry);
  return entry.changed ? what : `${what} (no change)`;
}

function historyActionWords(entry: HistoryEntry): string {
  const name = entry.containerName;
  if (entry.action === 'scale') {
    const { replicas } = entry;
    return replicas
      ? `Scaled ${name} from ${replicas.from} to ${replicas.to}`
      : `Scaled ${name}`;
  }
  if (entry.target === 'service' && entry.action === 'restart')
    return `Rolling restart of ${name}`;
  return `${ACTION_LABEL[entry.action]} ${name}`;
}
