import {
  SwarmServiceActionResponse,
  SwarmServiceListResponse,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { SwarmServiceActionRequest } from '../../api/DockerServicesApi';
import { ActionOutcome } from '../../hooks/useActionRunner';
import { Tone } from '../ToneLabel';
import { isTaskSettling } from './taskWords';

/** "1 replica", "3 replicas". */
export function replicas(n: number): string {
  return n === 1 ? '1 replica' : `${n} replicas`;
}

function tasks(n: number): string {
  return n === 1 ? '1 task' : `${n} tasks`;
}

/** "Replicated, 3 replicas", "Global: one task on each of 4 nodes". */
export function modeWords(service: SwarmServiceSummary): string {
  return service.mode === 'global'
    ? `Global: one task on each eligible node (${service.desiredTasks} now)`
    : `Replicated: ${replicas(service.desiredTasks)}`;
}

export function serviceTone(service: SwarmServiceSummary): Tone {
  if (service.desiredTasks === 0) return 'ended';
  if (service.runningTasks === 0) return 'error';
  return service.runningTasks < service.desiredTasks ? 'warning' : 'ok';
}

const UPDATE_IN_PROGRESS = new Set(['updating', 'rollback_started']);

/** Whether a rolling update or its roll-back is running. */
export function isUpdating(service: SwarmServiceSummary): boolean {
  return Boolean(
    service.update && UPDATE_IN_PROGRESS.has(service.update.state),
  );
}

export function updateTone(service: SwarmServiceSummary): Tone {
  const state = service.update?.state;
  if (!state || state === 'completed') return 'ok';
  if (isUpdating(service)) return 'pending';
  return 'warning';
}

/**
 * Whether Swarm is still moving any service towards what it asks for: a
 * task not yet in the state it should be, fewer running than asked, or an
 * update in progress. Docker sends no events for tasks, so the tab polls
 * more often meanwhile.
 */
export function isSettling(list: SwarmServiceListResponse): boolean {
  return list.hosts.some(
    host =>
      host.status === 'ok' &&
      host.services.some(
        service =>
          isUpdating(service) ||
          service.runningTasks < service.desiredTasks ||
          service.tasks.some(isTaskSettling),
      ),
  );
}

/** What scaling to `to` replicas will do, for the confirmation. */
export function scaleConsequence(
  service: SwarmServiceSummary,
  to: number,
): string {
  const { name, desiredTasks: from } = service;
  if (to === from) return `${name} already has ${replicas(from)}.`;
  if (to > from) {
    return `Scaling ${name} from ${from} to ${replicas(to)} starts ${tasks(
      to - from,
    )} more; Swarm places them on nodes that can run them.`;
  }
  if (to === 0) {
    return `Scaling ${name} to 0 stops all its ${tasks(
      from,
    )}: it is unavailable until someone scales it up again.`;
  }
  return `Scaling ${name} from ${from} to ${replicas(to)} stops ${tasks(
    from - to,
  )}; requests they are serving may fail.`;
}

/** What a rolling restart will do, for the confirmation. */
export function restartConsequence(service: SwarmServiceSummary): string {
  const { name, desiredTasks } = service;
  if (desiredTasks === 0)
    return `${name} runs no tasks: a rolling restart changes nothing until it is scaled up.`;
  const what = `Swarm replaces the ${tasks(
    desiredTasks,
  )} of ${name} with new ones of the same image and settings, as its update settings say (by default one at a time)`;
  return desiredTasks > 1
    ? `${what}, so it stays available while they are replaced.`
    : `${what}. With a single task, ${name} is unavailable for a few seconds.`;
}

/**
 * How a scale or rolling restart ended, in a sentence for the person who
 * asked: the backend's, or else worded here; a time-out says that the
 * action may still happen, never that it failed.
 */
export function serviceActionOutcome(
  service: SwarmServiceSummary,
  request: SwarmServiceActionRequest,
  response: SwarmServiceActionResponse,
): ActionOutcome {
  const { name } = service;
  // The backend's own sentence when it sends one, as for containers.
  if (response.message)
    return { message: response.message, stateUnknown: response.stateUnknown };
  if (response.stateUnknown) {
    const what =
      request.action === 'scale'
        ? `${name} was scaled to ${replicas(request.replicas)}`
        : `a rolling restart of ${name} started`;
    return {
      message: `Docker did not confirm in time that ${what}. It may still be happening; its state is being refreshed.`,
      stateUnknown: true,
    };
  }
  if (request.action === 'restart') {
    return {
      message: `A rolling restart of ${name} started: Swarm is replacing its tasks.`,
    };
  }
  if (!response.changed) {
    return { message: `${name} already had ${replicas(request.replicas)}.` };
  }
  return {
    message: `${name} was scaled from ${service.desiredTasks} to ${replicas(
      request.replicas,
    )}.`,
  };
}
