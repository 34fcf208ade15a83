import fs from 'node:fs';
import { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import Docker from 'dockerode';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import {
  JobRun,
  JobSummary,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import {
  docker,
  DEMO_IMAGE,
  removeTestContainers,
  TEST_LABEL,
  uniqueRunId,
} from './dockerFixtures';
import { eventually } from './eventually';
import { startRecordingProxy, RecordingProxy } from './recordingProxy';
import {
  asUser,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './testBackend';

const ENTITY = 'component:default/reports';
const BASE = '/api/docker-services/entities/component/default/reports';

/**
 * The fixture of the jobs suites: two replicas of a backend on one database
 * (SQLite files, or PostgreSQL), each with Backstage's real scheduler, in
 * front of the real engine through a recording proxy; the catalog's
 * `reports` (owned by team-a, whose member is OWNER) binds this run's job
 * containers. Schedules may tick every 2 s here; the replicas look for due
 * runs every second. Fields are set in beforeAll; read them inside tests.
 */
export function useJobsWorld(
  prefix: string,
  world: {
    /**
     * Two portals instead of two replicas: each backend on a database and
     * a recording proxy of its own, both watching the same engine.
     */
    separatePortals?: boolean;
    /**
     * Runs before the portals start: what it does to the engine (a job
     * run, say) happened before any portal watched, as on an engine a
     * newly installed portal finds.
     */
    beforePortals?: () => Promise<void>;
  } = {},
) {
  const runId = uniqueRunId(prefix);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
  const replicas: Array<Awaited<ReturnType<typeof startPluginBackend>>> = [];
  const proxies: RecordingProxy[] = [];
  let proxy: RecordingProxy | undefined;
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'reports',
        namespace: 'default',
        annotations: {
          'docker-services/label-selector': `${TEST_LABEL}=${runId}`,
        },
      },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
    },
    // Schedules run on behalf of an owner in the catalog.
    user('owner', ['team-a']),
    user('someone-else', []),
  ];

  beforeAll(async () => {
    proxy = await startRecordingProxy();
    proxies.push(proxy);
    const config = {
      app: { baseUrl: 'http://localhost:3000' },
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'local', url: proxy.url }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        stopTimeoutSeconds: 1,
        notifications: { enabled: false },
        jobs: { checkIntervalSeconds: 1, minScheduleIntervalSeconds: 2 },
      },
    };
    if (world.separatePortals) {
      proxies.push(await startRecordingProxy());
    }
    await world.beforePortals?.();
    // Started one after the other: the first one migrates the database.
    for (let i = 0; i < 2; i++) {
      const own = world.separatePortals && i > 0;
      const portalDir = path.join(sqliteDir, `portal-${i}`);
      if (own) fs.mkdirSync(portalDir);
      replicas.push(
        await startPluginBackend({
          entities,
          config: own
            ? {
                ...config,
                backend: {
                  database: testDatabaseConfig(`${runId}-p${i}`, portalDir),
                },
                dockerServices: {
                  ...config.dockerServices,
                  hosts: [{ name: 'local', url: proxies[i].url }],
                },
              }
            : config,
          extraFeatures: [schedulerServiceFactory],
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await removeTestContainers(runId);
    const { Volumes } = await docker.listVolumes({
      filters: { label: [`${TEST_LABEL}=${runId}`] },
    });
    await Promise.all(
      (Volumes ?? []).map(v => docker.getVolume(v.Name).remove()),
    );
    await Promise.all(proxies.map(p => p.close()));
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }, 60_000);

  const server = (replica = 0): Server => replicas[replica].server;
  const jobUrl = (c: Docker.Container) => `${BASE}/containers/local/${c.id}`;

  return {
    runId,
    server,
    calls: () => proxy!.calls,
    /** The Engine calls of one backend (with separate portals, its own proxy). */
    proxy: (replica = 0): RecordingProxy => proxies[replica] ?? proxy!,
    jobUrl,
    /**
     * A job container of `reports` (not started): its command is a shell
     * script (or `cmd`); `labels` add retries and the like; `volume` is
     * mounted at /data.
     */
    async createJob(
      name: string,
      script: string,
      options: {
        labels?: Record<string, string>;
        memoryBytes?: number;
        cmd?: string[];
        volume?: string;
      } = {},
    ): Promise<Docker.Container> {
      return docker.createContainer({
        name: `${runId}-${name}`,
        Image: DEMO_IMAGE,
        Cmd: options.cmd ?? ['sh', '-c', script],
        Labels: {
          [TEST_LABEL]: runId,
          'docker-services.entity': ENTITY,
          'docker-services.job': 'true',
          ...options.labels,
        },
        HostConfig: {
          ...(options.memoryBytes
            ? { Memory: options.memoryBytes, MemorySwap: options.memoryBytes }
            : {}),
          ...(options.volume ? { Binds: [`${options.volume}:/data`] } : {}),
        },
      });
    },
    /** A volume of this run, removed with its containers. */
    async createVolume(name: string): Promise<string> {
      const volume = await docker.createVolume({
        Name: `${runId}-${name}`,
        Labels: { [TEST_LABEL]: runId },
      });
      return volume.name;
    },
    /** The entity's pipelines, as the tab reads them. */
    async pipelines(replica = 0): Promise<PipelineSummary[]> {
      const res = await request(server(replica))
        .get(`${BASE}/jobs`)
        .set(asUser(OWNER));
      expect(res.status).toBe(200);
      return res.body.pipelines ?? [];
    },
    pipelineUrl: (host: string, pipeline: string, pipelineRun: number) =>
      `${BASE}/pipelines/${host}/${pipeline}/runs/${pipelineRun}`,
    async jobs(): Promise<JobSummary[]> {
      const res = await request(server())
        .get(`${BASE}/jobs`)
        .set(asUser(OWNER));
      expect(res.status).toBe(200);
      return res.body.jobs;
    },
    async runs(c: Docker.Container, replica = 0): Promise<JobRun[]> {
      const res = await request(server(replica))
        .get(`${jobUrl(c)}/runs?limit=100`)
        .set(asUser(OWNER));
      expect(res.status).toBe(200);
      return res.body.items;
    },
    /** Waits until the job has `count` runs that all ended; returns them, newest first. */
    async endedRuns(
      c: Docker.Container,
      count: number,
      limitMs = 60_000,
    ): Promise<JobRun[]> {
      const runs = await eventually(
        () => this.runs(c),
        r => r.length >= count && r.every(run => run.outcome !== 'running'),
        limitMs,
      );
      expect(runs.map(r => r.outcome)).not.toContain('running');
      expect(runs.length).toBeGreaterThanOrEqual(count);
      return runs;
    },
    /** A run's log lines, as the drawer reads them. */
    async runLog(c: Docker.Container, run: number): Promise<string[]> {
      const res = await request(server())
        .get(`${jobUrl(c)}/runs/${run}/logs?tail=all`)
        .set(asUser(OWNER));
      expect(res.status).toBe(200);
      const events: Array<{ line?: string; event?: string }> = String(res.text)
        .split('\n')
        .filter(Boolean)
        .map(line => JSON.parse(line));
      // A log that failed says so: never read it as an empty run.
      expect(events.filter(e => e.event === 'error')).toEqual([]);
      return events
        .filter(e => typeof e.line === 'string')
        .map(e => e.line as string);
    },
  };
}

function user(name: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
  };
}
