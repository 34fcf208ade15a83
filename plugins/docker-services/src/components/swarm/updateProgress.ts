import {
  isEndedSwarmTaskState,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { isUpdating } from './serviceWords';
import { madeAt, taskGroups } from './taskGroups';
import { isWanted } from './taskWords';

function tasks(n: number): string {
  return n === 1 ? '1 task' : `${n} tasks`;
}

/**
 * How far a rolling update (or its roll-back) is, in a line, while Docker
 * says it is in progress: "Updating 2 of 3 tasks… (1 done)"; undefined
 * otherwise. A replica is done when its current task was made after the
 * update started (both times are the Swarm manager's) and runs; in hand
 * when its new task is not running yet or its old one is still stopping.
 */
export function updateProgress(
  service: SwarmServiceSummary,
): string | undefined {
  const update = service.update;
  if (!update || !isUpdating(service)) return undefined;
  const rollback = update.state === 'rollback_started';
  const verb = rollback ? 'Rolling back' : 'Updating';
  const started = update.startedAt ? Date.parse(update.startedAt) : NaN;
  const groups = taskGroups(service);
  if (
    Number.isNaN(started) ||
    service.tasks.some(t => t.createdAt === undefined)
  ) {
    return `${verb} its tasks…`;
  }
  let done = 0;
  let inHand = 0;
  for (const { current, older } of groups) {
    if (!isWanted(current.task)) continue;
    const isNew = madeAt(current.task) >= started;
    const stopping = [current, ...older].some(
      ({ task }) => !isWanted(task) && !isEndedSwarmTaskState(task.state),
    );
    const runs =
      current.task.state === 'running' && current.task.nodeReady !== false;
    if (isNew && runs && !stopping) done++;
    else if (isNew || stopping) inHand++;
  }
  const total =
    service.mode === 'replicated'
      ? service.desiredTasks
      : groups.filter(g => isWanted(g.current.task)).length;
  if (total > 0 && done >= total) {
    return `${rollback ? 'Rolled back' : 'Updated'} ${done} of ${tasks(
      total,
    )}; Docker watches them a moment before it calls the ${
      rollback ? 'roll-back' : 'update'
    } complete`;
  }
  const working = Math.min(Math.max(done + inHand, 1), Math.max(total, 1));
  return `${verb} ${working} of ${tasks(total)}…${
    done > 0 ? ` (${done} done)` : ''
  }`;
}
