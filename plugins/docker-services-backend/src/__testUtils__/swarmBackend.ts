import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uniqueRunId } from './dockerFixtures';
import { RecordingProxy, startRecordingProxy } from './recordingProxy';
import { sharedSwarm } from './swarmWorld';
import { TestServiceOptions } from './swarmTestService';
import {
  component,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './testBackend';

type PluginBackend = Awaited<ReturnType<typeof startPluginBackend>>;

/**
 * The fixture of the suites that run the plugin against the real two-node
 * Swarm shared by the suites (scripts/swarm-nodes): the manager behind a
 * recording proxy as the host `swarm`, and with `worker`, node-2 behind one
 * of its own as the host `worker` (a worker answers no Swarm calls). What
 * the suite creates carries its run id; the backends it starts here are
 * stopped, its services removed, in afterAll. Fields are set in beforeAll;
 * read them inside hooks and tests.
 */
export function useSwarmBackend(options: {
  /** Starts the run id. */
  name: string;
  /** `dockerServices.swarm.maxReplicas`. */
  maxReplicas: number;
  worker?: boolean;
  /** The actions registry serves docker-services' actions (for MCP). */
  assistant?: boolean;
}) {
  const swarm = sharedSwarm();
  const runId = uniqueRunId(options.name);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
  const backends: PluginBackend[] = [];

  const world = {
    swarm,
    runId,
    proxy: undefined as unknown as RecordingProxy,
    /** node-2's proxy, with `worker`. */
    workerProxy: undefined as unknown as RecordingProxy,
    /** A component whose selector finds the run's services (label `app`). */
    entity: (name: string) =>
      component(name, { 'docker-services/label-selector': `app=${runId}` }),
    /** A service of the run, labelled `app` and, given `entity`, bound to that component. */
    createService: (
      service: Omit<TestServiceOptions, 'runId' | 'entityRef'> & {
        entity?: string;
      },
    ): Promise<string> => {
      const { entity, ...rest } = service;
      return swarm.createService({
        ...rest,
        runId,
        ...(entity ? { entityRef: `component:default/${entity}` } : {}),
        labels: { app: runId, ...rest.labels },
      });
    },
    /** The plugin's config, `extra` added to `dockerServices`. */
    config: (extra: Record<string, unknown> = {}) => ({
      backend: {
        database: testDatabaseConfig(runId, sqliteDir),
        ...(options.assistant
          ? { actions: { pluginSources: ['docker-services'] } }
          : {}),
      },
      permission: { enabled: true },
      dockerServices: {
        hosts: [
          { name: 'swarm', url: world.proxy.url },
          ...(options.worker
            ? [{ name: 'worker', url: world.workerProxy.url }]
            : []),
        ],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        swarm: { maxReplicas: options.maxReplicas },
        ...extra,
      },
    }),
    /** The plugin with {@link world.config}; stopped in afterAll. */
    startBackend: async (backend: {
      entities: Parameters<typeof startPluginBackend>[0]['entities'];
      dockerServices?: Record<string, unknown>;
      extraFeatures?: Parameters<typeof startPluginBackend>[0]['extraFeatures'];
    }): Promise<PluginBackend> => {
      const started = await startPluginBackend({
        entities: backend.entities,
        config: world.config(backend.dockerServices),
        extraFeatures: backend.extraFeatures,
      });
      backends.push(started);
      return started;
    },
  };

  beforeAll(async () => {
    world.proxy = await startRecordingProxy(swarm.socketPath);
    if (options.worker) {
      world.workerProxy = await startRecordingProxy(
        path.join(
          path.dirname(path.dirname(swarm.socketPath)),
          'node-2',
          'docker.sock',
        ),
      );
    }
  });

  afterAll(async () => {
    // A backend stopped twice (a test stopped it) has nothing left to stop.
    await Promise.all(backends.map(b => b.stop().catch(() => undefined)));
    await swarm.cleanup(runId);
    await Promise.all([world.proxy?.close(), world.workerProxy?.close()]);
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }, 120_000);

  return world;
}
