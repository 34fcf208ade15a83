import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineTask } from '../docker/DockerHost';
import { NodeDirectory } from './toServiceSummary';

// Docker's details before each line of a service's log (asked for with
// details=true): `key=value,key=value ` with URL-escaped values.
const DETAILS = /^((?:[A-Za-z0-9._-]+=[^ ,]*,?)+) /;
const TASK_ID = 'com.docker.swarm.task.id';
const NODE_ID = 'com.docker.swarm.node.id';

/**
 * Turns the lines of a service's log into lines that name their task
 * (replica number) and node, with Docker's details taken off the text.
 * Tasks and nodes are known from when the log was opened; a task started
 * later (while following) is named by its id, its node by the node list.
 */
export class ServiceLogLines {
  readonly #slots: Map<string, number>;
  readonly #nodes: NodeDirectory;

  constructor(options: { tasks: EngineTask[]; nodes: NodeDirectory }) {
    this.#slots = new Map(
      options.tasks.flatMap(t => (t.Slot ? [[t.ID, t.Slot]] : [])),
    );
    this.#nodes = options.nodes;
  }

  map(line: LogLine): LogLine {
    const match = DETAILS.exec(line.line);
    if (!match) return line;
    const details = new Map<string, string>();
    for (const pair of match[1].split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      details.set(pair.slice(0, eq), safeUnescape(pair.slice(eq + 1)));
    }
    const taskId = details.get(TASK_ID);
    if (!taskId) return line;
    const nodeId = details.get(NODE_ID);
    const slot = this.#slots.get(taskId);
    const node = nodeId ? this.#nodes.get(nodeId)?.name ?? nodeId : undefined;
    return {
      ...line,
      line: line.line.slice(match[0].length),
      task: {
        id: taskId,
        ...(slot !== undefined ? { slot } : {}),
        ...(node ? { node } : {}),
      },
    };
  }
}

function safeUnescape(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
