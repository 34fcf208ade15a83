import {
  SwarmServiceSummary,
  SwarmTaskState,
  SwarmTaskSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Tone } from '../ToneLabel';

const STATE_WORDS: Record<SwarmTaskState, string> = {
  new: 'Waiting to be scheduled',
  allocated: 'Waiting to be scheduled',
  pending: 'Waiting for a node',
  assigned: 'Assigned to a node',
  accepted: 'Accepted by its node',
  preparing: 'Preparing (getting its image)',
  ready: 'Ready to start',
  starting: 'Starting',
  running: 'Running',
  complete: 'Finished',
  shutdown: 'Stopped',
  failed: 'Failed',
  rejected: 'Rejected by its node',
  remove: 'Being removed',
  orphaned: 'Lost with its node',
};

/** States a task does not leave again. */
const ENDED = new Set<SwarmTaskState>([
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
]);

/** A task's state in words: "Running", "Running, being stopped". */
export function taskStateWords(task: SwarmTaskSummary): string {
  const words = STATE_WORDS[task.state] ?? task.state;
  if (task.desiredState === 'shutdown' && !ENDED.has(task.state))
    return `${words}, being stopped`;
  return words;
}

export function taskTone(task: SwarmTaskSummary): Tone {
  if (task.nodeReady === false && !ENDED.has(task.state)) return 'warning';
  if (task.state === 'running')
    return task.desiredState === 'running' ? 'ok' : 'pending';
  if (['failed', 'rejected', 'orphaned'].includes(task.state)) return 'error';
  if (ENDED.has(task.state)) return 'ended';
  return 'pending';
}

/** Whether Swarm is still moving the task towards the state it wants. */
export function isTaskSettling(task: SwarmTaskSummary): boolean {
  return task.desiredState === 'running'
    ? task.state !== 'running'
    : !ENDED.has(task.state);
}

/** "Replica 2" of a replicated service; a global one's task by its id. */
export function taskName(task: SwarmTaskSummary): string {
  return task.slot !== undefined
    ? `Replica ${task.slot}`
    : `Task ${task.id.slice(0, 12)}`;
}

/** The node as the task list heads it: "node-2", "node-2 (down)". */
export function nodeWords(task: SwarmTaskSummary): string {
  if (!task.nodeName && !task.nodeId) return 'Not placed on a node yet';
  const name = task.nodeName ?? task.nodeId!.slice(0, 12);
  return task.nodeReady === false
    ? `${name} (down or unreachable from the manager)`
    : name;
}

/** The tasks grouped by node, nodes by name, tasks by replica number. */
export function tasksByNode(
  service: SwarmServiceSummary,
): Array<{ node: string; tasks: SwarmTaskSummary[] }> {
  const groups = new Map<string, SwarmTaskSummary[]>();
  const sorted = [...service.tasks].sort(
    (a, b) => (a.slot ?? 0) - (b.slot ?? 0) || a.id.localeCompare(b.id),
  );
  for (const task of sorted) {
    const node = nodeWords(task);
    groups.set(node, [...(groups.get(node) ?? []), task]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([node, tasks]) => ({ node, tasks }));
}
