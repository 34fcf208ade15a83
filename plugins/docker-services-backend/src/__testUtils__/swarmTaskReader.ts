import Docker from 'dockerode';
import { waitFor } from './eventually';

/** One task as the manager reports it, with its node's hostname. */
export interface TestTask {
  id: string;
  slot?: number;
  /** Hostname of the node it was placed on, if it was. */
  node?: string;
  state: string;
  desiredState: string;
  /** Docker's error, such as "No such image: …" or "no suitable node (…)". */
  error?: string;
  containerId?: string;
}

/**
 * A service's tasks and the nodes' states as the manager reports them,
 * read through the test's own client of the manager.
 */
export function swarmTaskReader(manager: Docker) {
  const hostnames = async () => {
    const nodes = await manager.listNodes();
    return new Map<string, string>(
      nodes.map(n => [n.ID, n.Description?.Hostname]),
    );
  };

  const tasks = async (serviceId: string): Promise<TestTask[]> => {
    const [list, names] = await Promise.all([
      manager.listTasks({ filters: { service: [serviceId] } }),
      hostnames(),
    ]);
    return list.map(t => ({
      id: t.ID,
      slot: t.Slot,
      node: t.NodeID ? names.get(t.NodeID) : undefined,
      state: t.Status?.State,
      desiredState: t.DesiredState,
      error: t.Status?.Err || undefined,
      containerId: t.Status?.ContainerStatus?.ContainerID || undefined,
    }));
  };
  const running = async (serviceId: string) =>
    (await tasks(serviceId)).filter(
      t => t.state === 'running' && t.desiredState === 'running',
    );

  return {
    tasks,

    async runningPerNode(serviceId: string) {
      const perNode: Record<string, number> = {};
      for (const t of await running(serviceId)) {
        const node = t.node ?? '?';
        perNode[node] = (perNode[node] ?? 0) + 1;
      }
      return perNode;
    },

    async waitForRunning(serviceId: string, count: number, limitMs = 90_000) {
      let last: TestTask[] = [];
      const done = await waitFor(
        async () => (last = await running(serviceId)).length === count,
        limitMs,
        250,
      );
      if (!done) {
        const all = await tasks(serviceId);
        throw new Error(
          `Service ${serviceId}: ${
            last.length
          } tasks running, not ${count}. Tasks: ${JSON.stringify(all)}`,
        );
      }
      return last;
    },

    nodeState: async (hostname: string) =>
      (await manager.listNodes()).find(
        n => n.Description?.Hostname === hostname,
      )?.Status?.State as string | undefined,
  };
}
