import {
  isEndedSwarmTaskState,
  SwarmServiceSummary,
  SwarmTaskSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { isUpdating } from './serviceWords';
import { isWanted, StopReason, taskLine } from './taskWords';

/** One task as the list shows it: its line and its place in its group. */
export interface TaskEntry {
  task: SwarmTaskSummary;
  line: string;
}

/**
 * One replica (a slot of a replicated service, a node of a global one):
 * the task that is it now, and the older tasks Swarm still shows for it
 * (one being replaced, one that ended), newest first.
 */
export interface TaskGroup {
  /** "Replica 2", "On node-2". */
  name: string;
  current: TaskEntry;
  older: TaskEntry[];
}

/** When Swarm made the task (its last change, from a backend that does not say). */
export function madeAt(task: SwarmTaskSummary): number {
  const time = Date.parse(task.createdAt ?? task.updatedAt);
  return Number.isNaN(time) ? 0 : time;
}

function nodeName(task: SwarmTaskSummary): string {
  if (task.nodeName) return task.nodeName;
  return task.nodeId ? task.nodeId.slice(0, 12) : 'no node yet';
}

function groupKey(task: SwarmTaskSummary): string {
  if (task.slot !== undefined) return `slot ${task.slot}`;
  return task.nodeId ? `node ${task.nodeId}` : `task ${task.id}`;
}

function groupName(task: SwarmTaskSummary): string {
  if (task.slot !== undefined) return `Replica ${task.slot}`;
  return task.nodeId || task.nodeName
    ? `On ${nodeName(task)}`
    : `Task ${task.id.slice(0, 12)}`;
}

/** Newest first, the tasks Docker wants running before the others. */
function byCurrency(a: SwarmTaskSummary, b: SwarmTaskSummary): number {
  return (
    Number(isWanted(b)) - Number(isWanted(a)) ||
    madeAt(b) - madeAt(a) ||
    a.id.localeCompare(b.id)
  );
}

/** Why an older task of a group is stopped or stopping. */
function olderStopReason(service: SwarmServiceSummary): StopReason {
  return isUpdating(service) ? 'update' : 'newer task';
}

/** Why the only task of a group is stopped or stopping, if the page knows. */
function ownStopReason(
  service: SwarmServiceSummary,
  task: SwarmTaskSummary,
): StopReason {
  if (
    service.mode === 'replicated' &&
    task.slot !== undefined &&
    task.slot > service.desiredTasks
  ) {
    return 'scale down';
  }
  return isUpdating(service) && !isEndedSwarmTaskState(task.state)
    ? 'update'
    : undefined;
}

/**
 * The service's tasks by replica, in order: each replica named once, with
 * the task that is it now ("Replica 3: Starting on vm, replacing an older
 * task") and, under it, the older task it replaces ("Stopping on vm
 * (replaced by the update)"). A global service's replicas are its nodes.
 */
export function taskGroups(service: SwarmServiceSummary): TaskGroup[] {
  const groups = new Map<string, SwarmTaskSummary[]>();
  for (const task of service.tasks) {
    const key = groupKey(task);
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  return [...groups.values()]
    .map(tasks => {
      const [current, ...older] = [...tasks].sort(byCurrency);
      const replacing =
        isWanted(current) && older.some(t => !isEndedSwarmTaskState(t.state));
      const line = taskLine(current, ownStopReason(service, current));
      return {
        name: groupName(current),
        current: {
          task: current,
          line: replacing ? `${line}, replacing an older task` : line,
        },
        older: older.map(task => ({
          task,
          line: taskLine(task, olderStopReason(service)),
        })),
      };
    })
    .sort(
      (a, b) =>
        (a.current.task.slot ?? 0) - (b.current.task.slot ?? 0) ||
        a.name.localeCompare(b.name),
    );
}
