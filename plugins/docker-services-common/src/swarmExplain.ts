import { explainExit } from './exitCodes';
import { SwarmTaskState, SwarmUpdateState } from './swarmTypes';

/**
 * What is known of one Swarm task, as Docker reports it, for
 * {@link explainSwarmTask}.
 * @public
 */
export interface SwarmTaskFacts {
  state: SwarmTaskState;
  desiredState: SwarmTaskState;
  /** Docker's status message, such as `started` or `pending task scheduling`. */
  message?: string;
  /** Docker's error, such as `No such image: …` or `no suitable node (…)`. */
  error?: string;
  exitCode?: number;
  /** The node's name, when the task was placed on one. */
  nodeName?: string;
  /** False when the manager sees the node down or unreachable. */
  nodeReady?: boolean;
  /** ISO 8601: when the task last changed state. */
  updatedAt: string;
}

/**
 * Every task state Docker reports, from `new` to `orphaned`.
 * @public
 */
export const SWARM_TASK_STATES: readonly SwarmTaskState[] = [
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
];

/**
 * True for the states a task does not leave again: it finished, stopped,
 * failed, was refused or lost.
 * @public
 */
export function isEndedSwarmTaskState(state: string): boolean {
  // From `complete` on, Docker's states are final.
  return (
    SWARM_TASK_STATES.indexOf(state as SwarmTaskState) >=
    SWARM_TASK_STATES.indexOf('complete')
  );
}

/** Task states before a task runs, after it was placed on a node. */
const STARTING = new Set<SwarmTaskState>([
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
]);
/** Task states before the scheduler placed the task on a node. */
const UNPLACED = new Set<SwarmTaskState>(['new', 'allocated', 'pending']);

/**
 * Docker's reasons a task finds no node, in words. Docker writes them as
 * `no suitable node (scheduling constraints not satisfied on 2 nodes; …)`.
 */
const NO_NODE_REASONS: Array<[RegExp, string]> = [
  [/constraint/i, 'a placement constraint no node meets'],
  [/insufficient resources/i, 'no node has enough free CPU or memory'],
  [/port/i, 'the port it publishes is taken on every node'],
  [/platform/i, 'no node has the platform its image is built for'],
  [
    /max replicas per node/i,
    'every node that is up runs as many as allowed per node',
  ],
  [/plugin/i, 'no node has a plugin it needs'],
];

/**
 * The reason a task cannot be placed, in words: "no suitable node (a
 * placement constraint no node meets)"; undefined when Docker's error is
 * not about placement.
 * @public
 */
export function explainNoSuitableNode(error: string): string | undefined {
  if (!/no suitable node/i.test(error)) return undefined;
  const reasons = NO_NODE_REASONS.filter(([pattern]) =>
    pattern.test(error),
  ).map(([, words]) => words);
  return reasons.length > 0
    ? `no suitable node (${reasons.join('; ')})`
    : 'no suitable node';
}

/** "for 3 minutes", "for 2 hours", from an ISO time up to `now`. */
function since(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return ' for less than a minute';
  if (minutes < 60) return ` for ${plural(minutes, 'minute')}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return ` for ${plural(hours, 'hour')}`;
  return ` for ${plural(Math.floor(hours / 24), 'day')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Why a task that was placed failed or was refused, in words. */
function explainFailure(task: SwarmTaskFacts, node: string): string {
  const error = task.error ?? '';
  const image = /No such image:\s*(\S+)/i.exec(error);
  if (image) return `image not found on ${node} (${image[1]})`;
  if (
    /pull access denied|manifest unknown|repository does not exist/i.test(error)
  ) {
    return `image not found on ${node}`;
  }
  const exit = /non-zero exit \((\d+)\)/.exec(error);
  const code = exit ? Number(exit[1]) : task.exitCode;
  if (code !== undefined && code !== 0) {
    return `exited on ${node} with code ${code}: ${explainExit(code).meaning}`;
  }
  if (/oom|out of memory/i.test(error)) {
    return `killed on ${node}: it ran out of memory`;
  }
  if (/mount|volume/i.test(error)) {
    return `could not start on ${node}: a volume or mount it needs is missing there`;
  }
  if (/network/i.test(error)) {
    return `could not start on ${node}: a network it needs is not available there`;
  }
  return task.state === 'rejected'
    ? `refused by ${node}; details are in Docker's message`
    : `failed on ${node}; details are in Docker's message`;
}

/**
 * One task in plain words: "running on node-2 for 3 minutes", "no suitable
 * node (a placement constraint no node meets)", "image not found on
 * node-2 (…)", "node-2 is down". Docker's own message stays for a details
 * view.
 * @public
 */
export function explainSwarmTask(
  task: SwarmTaskFacts,
  now: number = Date.now(),
): string {
  const node = task.nodeName ?? 'its node';
  const wanted =
    task.desiredState === 'running' || task.desiredState === 'ready';
  if (
    task.nodeName &&
    task.nodeReady === false &&
    !isEndedSwarmTaskState(task.state)
  ) {
    return wanted
      ? `${node} is down: this replica's last known state there was ${task.state}; Swarm starts it elsewhere if another node can take it`
      : `${node} is down: this replica was ${task.state} there; Swarm replaces it on a node that is up, when one can take it`;
  }
  if (UNPLACED.has(task.state)) {
    const noNode = task.error ? explainNoSuitableNode(task.error) : undefined;
    return noNode ?? 'waiting to be placed on a node';
  }
  if (task.state === 'failed' || task.state === 'rejected') {
    return explainFailure(task, node);
  }
  if (task.state === 'running') {
    return wanted
      ? `running on ${node}${since(task.updatedAt, now)}`
      : `stopping on ${node} (being replaced or scaled down)`;
  }
  if (STARTING.has(task.state)) {
    if (!wanted) return `stopping on ${node} before it ran`;
    return task.state === 'preparing'
      ? `preparing on ${node} (getting its image and mounts ready)`
      : `starting on ${node}`;
  }
  if (task.state === 'complete') {
    return `finished on ${node} (exit code 0)`;
  }
  if (task.state === 'shutdown') {
    return `stopped on ${node} (replaced, scaled down or restarted)`;
  }
  if (task.state === 'orphaned') {
    return `lost: ${node} stopped reporting it for a long time`;
  }
  return `being removed from ${node}`;
}

/**
 * The service's state in one line: "3 of 3 running", "2 of 3 running, 1
 * starting on node-2", "0 of 1 running, 1 cannot be placed (no suitable node
 * (…))". `tasks` are the current tasks; only those Docker wants running
 * count.
 * @public
 */
export function summarizeSwarmTasks(
  desired: number,
  tasks: SwarmTaskFacts[],
): string {
  const wanted = tasks.filter(
    t => t.desiredState === 'running' || t.desiredState === 'ready',
  );
  const running = wanted.filter(
    t => t.state === 'running' && t.nodeReady !== false,
  ).length;
  const others = new Map<string, number>();
  for (const task of wanted) {
    if (task.state === 'running' && task.nodeReady !== false) continue;
    const phrase = shortPhrase(task);
    others.set(phrase, (others.get(phrase) ?? 0) + 1);
  }
  const head =
    desired === 0 && running === 0
      ? 'scaled to 0: nothing runs'
      : `${running} of ${desired} running`;
  return [head, ...[...others].map(([phrase, n]) => `${n} ${phrase}`)].join(
    ', ',
  );
}

function shortPhrase(task: SwarmTaskFacts): string {
  const node = task.nodeName ?? 'its node';
  if (task.nodeName && task.nodeReady === false) {
    return `on ${node}, which is down`;
  }
  if (UNPLACED.has(task.state)) {
    const noNode = task.error ? explainNoSuitableNode(task.error) : undefined;
    return noNode ? `cannot be placed: ${noNode}` : 'waiting for a node';
  }
  if (task.state === 'failed' || task.state === 'rejected') {
    return `failing: ${explainFailure(task, node)}`;
  }
  return `starting on ${node}`;
}

/**
 * A rolling update's state in words, with Docker's message when it says
 * why it paused or rolled back.
 * @public
 */
export function explainSwarmUpdate(
  state: SwarmUpdateState,
  message?: string,
): string {
  const why = message ? `: ${message}` : '';
  switch (state) {
    case 'updating':
      return 'A rolling update is in progress, replacing tasks a few at a time';
    case 'paused':
      return `The rolling update paused${why}`;
    case 'completed':
      return 'The last rolling update completed';
    case 'rollback_started':
      return `Rolling back to the previous version${why}`;
    case 'rollback_paused':
      return `The rollback paused${why}`;
    case 'rollback_completed':
      return `Rolled back to the previous version${why}`;
    default:
      return `Update state: ${String(state)}`;
  }
}
