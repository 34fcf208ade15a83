import {
  FleetTask,
  SwarmServiceSummary,
  SwarmTaskSummary,
} from '@docker-services/backstage-plugin-docker-services-common';

/** What a fleet search reads of a Swarm service. */
export interface SearchedService {
  summary: SwarmServiceSummary;
  stack?: string;
  /** Its entity's name and title: "shop-api" finds the service that runs it. */
  entityNames: string[];
}

/** Swarm's ids (services, tasks) are 25 lower-case letters and digits. */
const SWARM_ID_PREFIX = /^[0-9a-z]{4,25}$/;

/** Docker's name for a task: `service.slot`, or `service.node` for a global service. */
export function taskName(service: string, task: SwarmTaskSummary): string {
  return `${service}.${task.slot ?? task.nodeId ?? task.id}`;
}

function toFleetTask(service: string, task: SwarmTaskSummary): FleetTask {
  return {
    id: task.id,
    name: taskName(service, task),
    state: task.state,
    explanation: task.explanation,
    ...(task.nodeName ? { nodeName: task.nodeName } : {}),
  };
}

/**
 * What answers a fleet search for `query` among Swarm services: a service
 * whose name, stack, image, entity name or title contains the words
 * (case-insensitive), or whose id starts with them, with its tasks meant to
 * run; otherwise the tasks whose name (`demo-shop_api.2`) contains the
 * words or whose id starts with them. Undefined when nothing of the service
 * matches. An empty query matches every service.
 */
export function serviceMatcher(
  query: string,
): (service: SearchedService) => FleetTask[] | undefined {
  const q = query.trim().toLocaleLowerCase('en-US');
  const maybeId = SWARM_ID_PREFIX.test(q);
  return ({ summary, stack, entityNames }) => {
    const own = summary.tasks.filter(t => t.desiredState === 'running');
    const texts = [summary.name, stack, summary.image, ...entityNames];
    const serviceMatches =
      !q ||
      (maybeId && summary.id.startsWith(q)) ||
      texts.some(t => t?.toLocaleLowerCase('en-US').includes(q));
    if (serviceMatches) return own.map(t => toFleetTask(summary.name, t));
    const tasks = summary.tasks.filter(
      t =>
        (maybeId && t.id.startsWith(q)) ||
        taskName(summary.name, t).toLocaleLowerCase('en-US').includes(q),
    );
    return tasks.length > 0
      ? tasks.map(t => toFleetTask(summary.name, t))
      : undefined;
  };
}
