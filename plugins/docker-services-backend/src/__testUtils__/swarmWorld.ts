import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_IMAGE, TEST_LABEL } from './dockerFixtures';
import { waitFor } from './eventually';
import { exitedProcess } from './procfs';
import { swarmTaskReader, TestTask } from './swarmTaskReader';
import { TestServiceOptions, testServiceSpec } from './swarmTestService';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '../../../../scripts/swarm-nodes');

/**
 * The real two-node Swarm of `scripts/swarm-nodes` (scripts/test starts it
 * and exports the manager's socket in this variable). Each node is a dockerd
 * in a network namespace of its own; node-1 is the manager, node-2 the
 * worker. Both have the demo image; neither can pull.
 */
export const SWARM_SOCKET_ENV = 'DOCKER_SERVICES_TEST_SWARM';
/** The nodes' hostnames, as tasks and the manager's node list name them. */
export const MANAGER_NODE = 'node-1';
export const WORKER_NODE = 'node-2';

/** Placement constraints for {@link TestServiceOptions.constraints}. */
export const constraints = {
  onNode: (hostname: string) => `node.hostname==${hostname}`,
  /** No node has this label: the tasks stay pending ("no suitable node"). */
  nowhere: 'node.labels.docker-services-test-nowhere==true',
};

export interface SwarmWorld {
  /** The manager's socket: what a test configures as the plugin's Docker host. */
  readonly socketPath: string;
  /** A client of the test's own for the manager (services, tasks, nodes, logs). */
  readonly manager: Docker;
  /** node-2's own engine (its containers and images; it has no service API). */
  readonly worker: Docker;
  /** Creates a labelled service through the test's own client; returns its id. */
  createService(options: TestServiceOptions): Promise<string>;
  /** Every task of the service the manager still lists (also ended ones). */
  tasks(serviceId: string): Promise<TestTask[]>;
  /** How many tasks run (and should) on each node, by hostname. */
  runningPerNode(serviceId: string): Promise<Record<string, number>>;
  /** Waits until exactly `count` tasks run; throws with the tasks' states if not within `limitMs`. */
  waitForRunning(
    serviceId: string,
    count: number,
    limitMs?: number,
  ): Promise<TestTask[]>;
  /** The manager's view of a node: `ready`, `down`, `unknown`… */
  nodeState(hostname: string): Promise<string | undefined>;
  /**
   * Tags the demo image under a name of the run's on the manager (node-1)
   * only, and returns that name: a service with it runs on node-1 and is
   * rejected on node-2 ("No such image"). Removed by {@link SwarmWorld.cleanup}.
   */
  imageOnManagerOnly(runId: string): Promise<string>;
  /** Removes the run's services and images; waits (bounded) until their containers are gone. */
  cleanup(runId: string): Promise<void>;
  /**
   * Own swarm only ({@link startOwnSwarm}): stops node-2's dockerd (SIGTERM,
   * by its pid) and resolves once the manager reports the node down. Its
   * tasks stay listed on it, desired shutdown, and are replaced on node-1.
   */
  stopWorker(): Promise<void>;
  /** Own swarm only: starts node-2 again; resolves once both nodes are ready. */
  startWorker(): Promise<void>;
  /** Own swarm: takes it down (`scripts/swarm-nodes down`). Shared: nothing. */
  dispose(): Promise<void>;
}

/**
 * The swarm that `scripts/swarm-nodes up` started and scripts/test shares
 * between suites, which run at the same time: a suite labels what it
 * creates with its own run id and never stops a node.
 */
export function sharedSwarm(): SwarmWorld {
  const socketPath = process.env[SWARM_SOCKET_ENV];
  if (!socketPath) {
    throw new Error(
      `${SWARM_SOCKET_ENV} is not set: run \`scripts/swarm-nodes up\` and export the socket path it prints (scripts/test does both).`,
    );
  }
  return swarmAt(socketPath, undefined);
}

/**
 * A two-node swarm of the calling suite's own, for a suite that stops a
 * node: the shared one's suites would see it go. About 20 s to start on a
 * quiet machine. Call {@link SwarmWorld.dispose} in afterAll.
 */
export async function startOwnSwarm(options: {
  /** Names its namespaces and interfaces; unique among concurrent suites, at most 12 letters and digits. */
  prefix: string;
  /** First three octets of its private /24 (inside its namespaces only). */
  subnet?: string;
}): Promise<SwarmWorld> {
  const env = {
    ...process.env,
    DOCKER_SERVICES_SWARM_DIR: path.join(
      os.tmpdir(),
      `dsvc-swarm-${options.prefix}-${randomBytes(3).toString('hex')}`,
    ),
    DOCKER_SERVICES_SWARM_PREFIX: options.prefix,
    DOCKER_SERVICES_SWARM_SUBNET: options.subnet ?? '172.31.231',
  };
  try {
    return swarmAt(await swarmNodes('up', env), env);
  } catch (error) {
    await swarmNodes('down', env).catch(() => undefined);
    throw error;
  }
}

async function swarmNodes(
  command: 'up' | 'down',
  env: NodeJS.ProcessEnv,
): Promise<string> {
  try {
    const { stdout } = await run(SCRIPT, [command], { env });
    return stdout.trim().split('\n').pop() ?? '';
  } catch (error: any) {
    throw new Error(
      `scripts/swarm-nodes ${command} failed: ${error.stderr ?? error}`,
    );
  }
}

function swarmAt(
  socketPath: string,
  ownEnv: NodeJS.ProcessEnv | undefined,
): SwarmWorld {
  // Layout of scripts/swarm-nodes: <dir>/node-N/{docker.sock,pid}.
  const dir = path.dirname(path.dirname(socketPath));
  const workerDir = path.join(dir, 'node-2');
  const manager = new Docker({ socketPath });
  const worker = new Docker({
    socketPath: path.join(workerDir, 'docker.sock'),
  });
  const ownOnly = (what: string) => {
    if (!ownEnv) {
      throw new Error(
        `${what} disturbs every suite on the shared swarm: start one of the suite's own (startOwnSwarm).`,
      );
    }
    return ownEnv;
  };

  const { tasks, runningPerNode, waitForRunning, nodeState } =
    swarmTaskReader(manager);

  const world: SwarmWorld = {
    socketPath,
    manager,
    worker,

    async createService(options) {
      return (await manager.createService(testServiceSpec(options))).id;
    },

    tasks,
    runningPerNode,
    waitForRunning,
    nodeState,

    async imageOnManagerOnly(runId) {
      const repo = `docker-services-test/${runId}`;
      await manager.getImage(DEMO_IMAGE).tag({ repo, tag: 'manager-only' });
      return `${repo}:manager-only`;
    },

    async cleanup(runId) {
      const label = `${TEST_LABEL}=${runId}`;
      const services = await manager.listServices({
        filters: { label: [label] },
      });
      await Promise.all(
        services.map(s =>
          manager
            .getService(s.ID)
            .remove()
            .catch(() => undefined),
        ),
      );
      const containersLeft = async () =>
        (
          await Promise.all(
            [manager, worker].map(engine =>
              engine
                .listContainers({ all: true, filters: { label: [label] } })
                .catch(() => []),
            ),
          )
        ).flat().length;
      await waitFor(async () => (await containersLeft()) === 0, 30_000, 250);
      await manager
        .getImage(`docker-services-test/${runId}:manager-only`)
        .remove()
        .catch(() => undefined);
    },

    async stopWorker() {
      ownOnly('Stopping a node');
      const pid = Number(
        fs.readFileSync(path.join(workerDir, 'pid'), 'utf8').trim(),
      );
      process.kill(pid, 'SIGTERM');
      if (!(await waitFor(() => exitedProcess(pid), 60_000, 200))) {
        throw new Error(`node-2's dockerd (pid ${pid}) did not exit in 60 s`);
      }
      if (
        !(await waitFor(
          async () => (await nodeState(WORKER_NODE)) === 'down',
          60_000,
          250,
        ))
      ) {
        throw new Error(
          `The manager did not report ${WORKER_NODE} down within 60 s`,
        );
      }
    },

    async startWorker() {
      await swarmNodes('up', ownOnly('Starting a node'));
    },

    async dispose() {
      if (ownEnv) await swarmNodes('down', ownEnv);
    },
  };
  return world;
}
