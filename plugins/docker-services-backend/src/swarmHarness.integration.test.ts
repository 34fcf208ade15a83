import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { uniqueRunId } from './__testUtils__/dockerFixtures';
import { eventually } from './__testUtils__/eventually';
import {
  constraints,
  MANAGER_NODE,
  sharedSwarm,
  WORKER_NODE,
} from './__testUtils__/swarmWorld';

// The two-node Swarm the Swarm suites run against (scripts/swarm-nodes), and
// the harness they use: placement across both nodes, logs of every task
// through the manager, the faults the suites need (an image on one node
// only, a constraint no node meets). A node that goes down needs a swarm of
// the suite's own (startOwnSwarm): swarm/swarmNodeDown.integration.test.ts.

const run = promisify(execFile);
const runId = uniqueRunId('swarm-harness');
const swarm = sharedSwarm();

afterAll(() => swarm.cleanup(runId));

describe('the shared two-node swarm', () => {
  it('has a manager and a worker, both ready, each with its own hostname', async () => {
    expect(await swarm.nodeState(MANAGER_NODE)).toBe('ready');
    expect(await swarm.nodeState(WORKER_NODE)).toBe('ready');
    expect((await swarm.worker.info()).Name).toBe(WORKER_NODE);
  });

  it('spreads four replicas two per node, and `docker service logs` reads all four', async () => {
    const id = await swarm.createService({
      runId,
      name: 'four',
      replicas: 4,
      entityRef: 'component:default/swarm-harness',
    });
    await swarm.waitForRunning(id, 4);
    expect(await swarm.runningPerNode(id)).toEqual({
      [MANAGER_NODE]: 2,
      [WORKER_NODE]: 2,
    });

    const read = async () =>
      (
        await run('docker', [
          '-H',
          `unix://${swarm.socketPath}`,
          'service',
          'logs',
          '--raw',
          id,
        ])
      ).stdout
        .trim()
        .split('\n')
        .sort();
    const lines = await eventually(read, l => l.length === 4);
    expect(lines).toEqual([
      expect.stringMatching(/^slot 1 on node-[12]$/),
      expect.stringMatching(/^slot 2 on node-[12]$/),
      expect.stringMatching(/^slot 3 on node-[12]$/),
      expect.stringMatching(/^slot 4 on node-[12]$/),
    ]);
    expect(lines.filter(l => l.endsWith(WORKER_NODE))).toHaveLength(2);
  });

  it("rejects a task on the node that lacks the service's image", async () => {
    const image = await swarm.imageOnManagerOnly(runId);
    const id = await swarm.createService({
      runId,
      name: 'manager-only-image',
      image,
      // Spread: one to each node at first.
      replicas: 2,
    });
    const tasks = await eventually(
      () => swarm.tasks(id),
      all =>
        all.some(t => t.node === WORKER_NODE && t.state === 'rejected') &&
        all.some(t => t.node === MANAGER_NODE && t.state === 'running'),
      90_000,
    );
    expect(tasks).toContainEqual(
      expect.objectContaining({
        node: WORKER_NODE,
        state: 'rejected',
        error: expect.stringContaining('No such image'),
      }),
    );
  });

  it('leaves a task no node may run pending', async () => {
    const id = await swarm.createService({
      runId,
      name: 'nowhere',
      constraints: [constraints.nowhere],
    });
    const [task] = await eventually(
      () => swarm.tasks(id),
      all => all.some(t => !!t.error),
    );
    expect(task).toMatchObject({
      state: 'pending',
      error: expect.stringContaining('no suitable node'),
    });
    expect(task.node).toBeUndefined();
  });

  it('refuses to stop a node of the shared swarm', async () => {
    await expect(swarm.stopWorker()).rejects.toThrow(/startOwnSwarm/);
  });
});
