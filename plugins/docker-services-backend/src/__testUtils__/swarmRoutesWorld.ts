import request from 'supertest';
import {
  SwarmServiceListResponse,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useSwarmBackend } from './swarmBackend';
import { TestServiceOptions } from './swarmTestService';
import { asUser, OTHER } from './testBackend';

/**
 * The fixture of the Swarm route suites: {@link useSwarmBackend} with the
 * worker as a second host and at most 6 replicas, the components `shop` and
 * `other` (both finding the run's services), and the routes' words.
 */
export function useSwarmRoutes() {
  const world = useSwarmBackend({
    name: 'swarm',
    maxReplicas: 6,
    worker: true,
  });
  const { swarm, runId } = world;
  const createService = (
    options: Omit<TestServiceOptions, 'runId' | 'entityRef'> & {
      entity?: string;
      global?: boolean;
      maxPerNode?: number;
    },
  ): Promise<string> => {
    const { global, maxPerNode, ...rest } = options;
    return world.createService({
      ...rest,
      customize: spec => {
        if (global) spec.Mode = { Global: {} };
        if (maxPerNode) {
          spec.TaskTemplate!.Placement = {
            ...spec.TaskTemplate!.Placement,
            MaxReplicas: maxPerNode,
          } as never;
        }
        // One task at a time, watched for a second: a rolling restart is quick.
        spec.UpdateConfig = {
          Parallelism: 1,
          Delay: 0,
          Monitor: 1e9,
          Order: 'stop-first',
        };
      },
    });
  };
  const base = (entity: string) =>
    `/api/docker-services/entities/component/default/${entity}`;
  return {
    ...world,
    // Set in beforeAll: read through, not copied now.
    get proxy() {
      return world.proxy;
    },
    get workerProxy() {
      return world.workerProxy;
    },
    manager: swarm.manager,
    entities: [world.entity('shop'), world.entity('other')],
    base,

    /** A service of this run, labelled for the entities' selector; updated one task at a time. */
    createService,

    /**
     * shop's `web` (2 replicas) and `logs` (4, at most 2 per node, each
     * writing three lines and one to stderr naming its slot and node),
     * once all their tasks run.
     */
    runningWebAndLogs: async () => {
      const [web, logs] = await Promise.all([
        createService({ name: 'web', entity: 'shop', replicas: 2 }),
        createService({
          name: 'logs',
          entity: 'shop',
          replicas: 4,
          maxPerNode: 2,
          cmd: [
            'sh',
            '-c',
            'trap "exit 0" TERM; for i in 1 2 3; do echo "line $i of replica $TASK_SLOT on $NODE_NAME"; done; echo "to stderr from $TASK_SLOT" >&2; while true; do sleep 1; done',
          ],
        }),
      ]);
      await Promise.all([
        swarm.waitForRunning(web, 2),
        swarm.waitForRunning(logs, 4),
      ]);
      return { web, logs };
    },

    runningTasks: async (id: string): Promise<number> =>
      (await swarm.tasks(id)).filter(
        t => t.desiredState === 'running' && t.state === 'running',
      ).length,

    /** The entity's services, as someone who may read them. */
    list: async (
      server: Parameters<typeof request>[0],
      entity = 'shop',
    ): Promise<SwarmServiceListResponse> => {
      const res = await request(server)
        .get(`${base(entity)}/services`)
        .set(asUser(OTHER));
      expect(res.status).toBe(200);
      return res.body;
    },

    serviceIn: (
      body: SwarmServiceListResponse,
      name: string,
    ): SwarmServiceSummary | undefined => {
      const host = body.hosts.find(h => h.name === 'swarm');
      return host?.status === 'ok'
        ? host.services.find(s => s.name === `${runId}-${name}`)
        : undefined;
    },
  };
}
