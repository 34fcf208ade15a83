import {
  explainSwarmTask,
  explainSwarmUpdate,
  isEndedSwarmTaskState,
  SWARM_TASK_STATES,
  summarizeSwarmTasks,
  SwarmServiceSummary,
  SwarmTaskFacts,
  SwarmTaskState,
  SwarmTaskSummary,
  SwarmUpdateState,
} from '@docker-services/backstage-plugin-docker-services-common';
import { SwarmSettings } from '../config';
import { EngineNode, EngineService, EngineTask } from '../docker/DockerHost';

/** The most tasks one service shows; a service is scaled to 1000 at most. */
const MAX_TASKS = 200;

const UPDATE_STATES = new Set<string>([
  'updating',
  'paused',
  'completed',
  'rollback_started',
  'rollback_paused',
  'rollback_completed',
]);

function taskState(state: string): SwarmTaskState {
  return SWARM_TASK_STATES.includes(state as SwarmTaskState)
    ? (state as SwarmTaskState)
    : 'new';
}

/** A node by id: its name (made unique) and whether the manager sees it up. */
export type NodeDirectory = Map<string, { name: string; ready: boolean }>;

/**
 * Names the nodes by hostname; nodes that share one (two engines on one
 * machine) get their id's start added, so the words stay unambiguous.
 */
export function nodeDirectory(nodes: EngineNode[]): NodeDirectory {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const name = node.Description?.Hostname ?? node.ID.slice(0, 12);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map(
    nodes.map(node => {
      const hostname = node.Description?.Hostname ?? node.ID.slice(0, 12);
      const name =
        (counts.get(hostname) ?? 0) > 1
          ? `${hostname} (${node.ID.slice(0, 6)})`
          : hostname;
      return [node.ID, { name, ready: node.Status.State === 'ready' }];
    }),
  );
}

/**
 * The tasks worth showing: each slot's (or, for a global service, each
 * node's) newest task, and every other task that Docker still wants running
 * or that has not ended (one being replaced, one on a node that is down).
 */
function currentTasks(tasks: EngineTask[]): EngineTask[] {
  const newest = new Map<string, EngineTask>();
  for (const task of tasks) {
    const key = task.Slot ? `slot ${task.Slot}` : `node ${task.NodeID ?? ''}`;
    const known = newest.get(key);
    if (!known || Date.parse(task.CreatedAt) > Date.parse(known.CreatedAt)) {
      newest.set(key, task);
    }
  }
  const newestIds = new Set([...newest.values()].map(t => t.ID));
  return tasks.filter(
    t =>
      newestIds.has(t.ID) ||
      t.DesiredState === 'running' ||
      t.DesiredState === 'ready' ||
      !isEndedSwarmTaskState(t.Status.State),
  );
}

function toTask(
  task: EngineTask,
  nodes: NodeDirectory,
  now: number,
): SwarmTaskSummary & { facts: SwarmTaskFacts } {
  const node = task.NodeID ? nodes.get(task.NodeID) : undefined;
  const exitCode = task.Status.ContainerStatus?.ExitCode;
  const containerId = task.Status.ContainerStatus?.ContainerID;
  const facts: SwarmTaskFacts = {
    state: taskState(task.Status.State),
    desiredState: taskState(task.DesiredState),
    ...(task.Status.Message ? { message: task.Status.Message } : {}),
    ...(task.Status.Err ? { error: task.Status.Err } : {}),
    ...(exitCode ? { exitCode } : {}),
    ...(node ? { nodeName: node.name, nodeReady: node.ready } : {}),
    updatedAt: task.Status.Timestamp,
  };
  const dockerMessage = [task.Status.Message, task.Status.Err]
    .filter(Boolean)
    .join(': ');
  return {
    facts,
    id: task.ID,
    ...(task.Slot ? { slot: task.Slot } : {}),
    ...(task.NodeID ? { nodeId: task.NodeID } : {}),
    ...(node ? { nodeName: node.name, nodeReady: node.ready } : {}),
    state: facts.state,
    desiredState: facts.desiredState,
    explanation: explainSwarmTask(facts, now),
    ...(dockerMessage ? { dockerMessage } : {}),
    ...(exitCode ? { exitCode } : {}),
    ...(containerId ? { containerId } : {}),
    updatedAt: task.Status.Timestamp,
    ...(task.CreatedAt ? { createdAt: task.CreatedAt } : {}),
  };
}

/**
 * What the browser learns of one service: named fields, its current tasks
 * per node in words, never the raw spec (no env, mounts, secrets or labels).
 */
export function toServiceSummary(options: {
  host: string;
  service: EngineService;
  tasks: EngineTask[];
  nodes: NodeDirectory;
  limits: SwarmSettings;
  now?: number;
}): SwarmServiceSummary {
  const { host, service, nodes, limits } = options;
  const now = options.now ?? Date.now();
  const ownTasks = options.tasks.filter(t => t.ServiceID === service.ID);
  const tasks = currentTasks(ownTasks)
    .map(t => toTask(t, nodes, now))
    .sort(
      (a, b) =>
        (a.slot ?? 0) - (b.slot ?? 0) ||
        (a.nodeName ?? '').localeCompare(b.nodeName ?? '') ||
        Date.parse(b.updatedAt) - Date.parse(a.updatedAt),
    )
    .slice(0, MAX_TASKS);
  const wanted = tasks.filter(
    t => t.desiredState === 'running' || t.desiredState === 'ready',
  );
  const mode = service.Spec.Mode?.Global ? 'global' : 'replicated';
  const desiredTasks =
    mode === 'replicated'
      ? service.Spec.Mode?.Replicated?.Replicas ?? wanted.length
      : wanted.length;
  const runningTasks = wanted.filter(
    t => t.state === 'running' && t.nodeReady !== false,
  ).length;
  const update = service.UpdateStatus?.State;
  return {
    host,
    id: service.ID,
    name: service.Spec.Name,
    image: imageName(service.Spec),
    mode,
    desiredTasks,
    runningTasks,
    summary: summarizeSwarmTasks(
      desiredTasks,
      tasks.map(t => t.facts),
    ),
    ...(update && UPDATE_STATES.has(update)
      ? {
          update: {
            state: update as SwarmUpdateState,
            explanation: explainSwarmUpdate(
              update as SwarmUpdateState,
              service.UpdateStatus?.Message,
            ),
            ...(service.UpdateStatus?.StartedAt
              ? { startedAt: service.UpdateStatus.StartedAt }
              : {}),
            ...(service.UpdateStatus?.CompletedAt
              ? { completedAt: service.UpdateStatus.CompletedAt }
              : {}),
          },
        }
      : {}),
    tasks: tasks.map(({ facts: _facts, ...task }) => task),
    createdAt: service.CreatedAt,
    updatedAt: service.UpdatedAt,
    scaleLimits: {
      min: limits.allowScaleToZero ? 0 : 1,
      max: limits.maxReplicas,
    },
  };
}

/**
 * The image as a reader knows it: without the digest Docker pins, and, for a
 * service made from a bare image id, the name `docker stack deploy` records
 * in its `com.docker.stack.image` label.
 */
function imageName(spec: {
  Labels?: Record<string, string> | null;
  TaskTemplate?: { ContainerSpec?: { Image?: string } };
}): string {
  const image = (spec.TaskTemplate?.ContainerSpec?.Image ?? '').replace(
    /@sha256:[0-9a-f]+$/,
    '',
  );
  const stackImage = spec.Labels?.['com.docker.stack.image'];
  return image.startsWith('sha256:') && stackImage ? stackImage : image;
}
