import {
  ContainerAction,
  HistoryEntry,
  JOB_PIPELINE_ACTOR,
  JOB_RETRY_ACTOR,
  JOB_SCHEDULE_ACTOR,
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
 * What a history row did, in words: "Restart shop-web-1", for a Swarm
 * service "Scaled shop-api from 2 to 3" or "Rolling restart of shop-api",
 * for a job "Set the schedule of report-1 to 0 2 * * * (Europe/Berlin)";
 * when it changed nothing, why: "Stop shop-web-1: nothing to change, it
 * was already stopped".
 */
export function describeHistoryAction(entry: HistoryEntry): string {
  // Asks and actions still running have changed nothing yet, by nature.
  if (entry.changed || entry.outcome !== 'succeeded') {
    return historyActionWords(entry);
  }
  const name = entry.containerName;
  if (entry.action === 'scale' && entry.replicas) {
    const { to } = entry.replicas;
    return `Scale ${name} to ${to}: nothing to change, it already had ${to} ${
      to === 1 ? 'replica' : 'replicas'
    }`;
  }
  if (entry.target !== 'service' && entry.action === 'stop')
    return `Stop ${name}: nothing to change, it was already stopped`;
  if (entry.target !== 'service' && entry.action === 'start')
    return `Start ${name}: nothing to change, it was already running`;
  return `${historyActionWords(entry)}: nothing to change`;
}

function scheduleWords(entry: HistoryEntry): string {
  const name = entry.containerName;
  const { change, cron, timeZone } = entry.schedule ?? { change: 'set' };
  switch (change) {
    case 'paused':
      return `Paused the schedule of ${name}`;
    case 'resumed':
      return `Resumed the schedule of ${name}`;
    case 'removed':
      return `Removed the schedule of ${name}`;
    default:
      if (!cron) return `Set the schedule of ${name}`;
      return `Set the schedule of ${name} to ${cron}${
        timeZone ? ` (${timeZone})` : ''
      }`;
  }
}

function historyActionWords(entry: HistoryEntry): string {
  const name = entry.containerName;
  if (entry.action === 'schedule') return scheduleWords(entry);
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

/**
 * Who acted, in words, when it was the portal itself: a job's schedule or
 * its retry of a failed run, a pipeline's next step. Undefined for a person (a user entity ref).
 */
export function portalActorWords(actor: string): string | undefined {
  if (actor === JOB_SCHEDULE_ACTOR) return 'The schedule';
  if (actor === JOB_RETRY_ACTOR) return 'A retry';
  if (actor === JOB_PIPELINE_ACTOR) return 'The pipeline';
  return undefined;
}
