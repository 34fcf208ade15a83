import {
  isEndedSwarmTaskState,
  SwarmTaskSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Tone } from '../ToneLabel';

/** Whether Docker wants the task to run (rather than to stop). */
export function isWanted(task: SwarmTaskSummary): boolean {
  return task.desiredState === 'running' || task.desiredState === 'ready';
}

export function taskTone(task: SwarmTaskSummary): Tone {
  const ended = isEndedSwarmTaskState(task.state);
  if (task.nodeReady === false && !ended) return 'warning';
  if (task.state === 'running') return isWanted(task) ? 'ok' : 'pending';
  if (['failed', 'rejected', 'orphaned'].includes(task.state)) return 'error';
  if (ended) return 'ended';
  return 'pending';
}

/** Whether Swarm is still moving the task towards the state it wants. */
export function isTaskSettling(task: SwarmTaskSummary): boolean {
  return isWanted(task)
    ? task.state !== 'running'
    : !isEndedSwarmTaskState(task.state);
}

/** Why a task is stopped or being stopped, as far as the page knows it. */
export type StopReason = 'update' | 'newer task' | 'scale down' | undefined;

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const STOP_WORDS: Record<NonNullable<StopReason>, string> = {
  update: 'replaced by the update',
  'newer task': 'replaced by a newer task',
  'scale down': 'the service was scaled down',
};

/**
 * A task's line, saying its state once: "Running on vm for 3 minutes",
 * and, when Docker wants another state than the one it is in, that one
 * with why: "Stopping on vm (replaced by the update)". `stopReason` is
 * what the rest of the service says of a task Docker wants stopped.
 */
export function taskLine(
  task: SwarmTaskSummary,
  stopReason?: StopReason,
): string {
  const node = task.nodeName ?? 'its node';
  const nodeDown = task.nodeReady === false;
  const ended = isEndedSwarmTaskState(task.state);
  const why = stopReason ? ` (${STOP_WORDS[stopReason]})` : '';
  if (!isWanted(task) && !ended && !nodeDown) {
    return `Stopping on ${node}${why || ' (Docker asked it to stop)'}`;
  }
  if (task.state === 'shutdown' && why) return `Stopped on ${node}${why}`;
  return capital(task.explanation);
}

/**
 * Docker's own terms for a task, for the line under it: its message, and
 * the exit code once the task ended with one (a task still running or
 * stopping has none yet, whatever number Docker holds meanwhile).
 */
export function taskDockerTerms(task: SwarmTaskSummary): string | undefined {
  if (!task.dockerMessage) return undefined;
  const exited =
    isEndedSwarmTaskState(task.state) &&
    task.exitCode !== undefined &&
    task.exitCode > 0;
  return `Docker: ${task.dockerMessage}${
    exited ? ` (exit code ${task.exitCode})` : ''
  }`;
}
