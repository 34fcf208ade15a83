/*
 * Benchmark (not a test): the list route of the plugin against the raw
 * Engine API list it rests on, side by side in one run, with 1,000 and then
 * 5,000 containers on the machine's engine (created, never started; a few
 * bound to the measured entity, the rest to 50 others). Prints p50 and p95
 * of sequential requests, as ratios against raw, and the container index's
 * figures (heap per 1,000 containers, first reconcile, time to know a
 * change). Run with `scripts/bench-list [--quick]` (--quick: 1,000 only).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { dockerServicesPlugin } from '../src/plugin';
import {
  createBenchContainers,
  removeBenchContainers,
} from './benchContainers';
import { measureIndex } from './indexFigures';
import {
  containerCalls,
  startRecordingProxy,
} from '../src/__testUtils__/recordingProxy';
import { printFigures, summarize } from './listFigures';

const SOCKET = '/var/run/docker.sock';
const ENTITY = 'bench-list';
const ENTITY_REF = `component:default/${ENTITY}`;
const BOUND = 5;
const quick =
  process.argv.includes('--quick') || process.env.BENCH_LIST_QUICK === '1';
const SIZES = quick ? [1000] : [1000, 5000];
/** Sequential requests per size, each to raw and to the plugin. */
const ROUNDS: Record<number, number> = { 1000: 200, 5000: 100 };
const WARM_UP = 5;

/** GETs `options`, reads the body to the end and parses it; returns it and the ms taken. */
function timedGet(
  options: http.RequestOptions,
): Promise<{ ms: number; status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(options, res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve({
            ms: performance.now() - started,
            status: res.statusCode ?? 0,
            body,
          });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function main() {
  const docker = new Docker({ socketPath: SOCKET });
  const runId = `bench-list-${randomBytes(4).toString('hex')}`;
  // The filters the plugin lists the entity with: its label and its annotation.
  const rawPath = `/containers/json?all=1&filters=${encodeURIComponent(
    JSON.stringify({
      label: [
        `docker-services.entity=${ENTITY_REF}`,
        `com.docker.compose.project=${runId}`,
        `com.docker.compose.service=bench`,
      ],
    }),
  )}`;
  const cleanUp = async () => {
    const removed = await removeBenchContainers(docker, runId);
    console.log(
      `Removed ${removed} bench containers (label docker-services.test=${runId})`,
    );
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  const boundNumbers = new Set(
    Array.from({ length: BOUND }, (_, i) => Math.floor((i * 1000) / BOUND)),
  );
  // The plugin reaches the engine through a recording proxy: the timed
  // requests are checked to be served by its index (no container calls).
  const proxy = await startRecordingProxy(SOCKET);
  try {
    const { server } = await startTestBackend({
      features: [
        dockerServicesPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: ENTITY,
                namespace: 'default',
                annotations: { 'docker-services/compose': `${runId}/bench` },
              },
              spec: {
                type: 'service',
                owner: 'bench',
                lifecycle: 'experimental',
              },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            dockerServices: {
              hosts: [{ name: 'local', url: proxy.url }],
              requestTimeoutMs: 60_000,
            },
          },
        }),
        databaseServiceFactory,
      ],
    });
    const port = (server.address() as AddressInfo).port;
    const pluginRequest = {
      host: '127.0.0.1',
      port,
      path: `/api/docker-services/entities/component/default/${ENTITY}/containers`,
      headers: { Authorization: mockCredentials.user.header() },
    };
    let created = 0;
    for (const size of SIZES) {
      const creating = performance.now();
      await createBenchContainers({
        docker,
        runId,
        entityRef: ENTITY_REF,
        from: created,
        to: size,
        boundNumbers,
      });
      console.log(
        `Created ${size - created} containers in ${(
          (performance.now() - creating) /
          1000
        ).toFixed(1)} s (${size} in all)`,
      );
      created = size;
      // The plugin answers with the bound containers (also: it is warm).
      for (let i = 0; ; i++) {
        const { status, body } = await timedGet(pluginRequest);
        const shown = body.hosts?.[0]?.containers?.length;
        if (status === 200 && shown === BOUND) break;
        if (i > 300)
          throw new Error(`The plugin shows ${shown} containers, not ${BOUND}`);
        await new Promise(r => setTimeout(r, 100));
      }
      // Until the index is live, lists ask Docker: wait for a list that
      // makes no container call.
      for (let i = 0; ; i++) {
        const before = containerCalls(proxy.calls).length;
        await timedGet(pluginRequest);
        if (containerCalls(proxy.calls).length === before) break;
        if (i > 600) throw new Error('The index did not become live');
        await new Promise(r => setTimeout(r, 100));
      }
      const raw: number[] = [];
      const plugin: number[] = [];
      /** Timed plugin requests during which a container call reached the engine. */
      let withCalls = 0;
      let callsDuringRounds = 0;
      const loadBefore = os.loadavg()[0];
      for (let round = 0; round < WARM_UP + ROUNDS[size]; round++) {
        const r = await timedGet({ socketPath: SOCKET, path: rawPath });
        const callsBefore = containerCalls(proxy.calls).length;
        const p = await timedGet(pluginRequest);
        const calls = containerCalls(proxy.calls).length - callsBefore;
        if (round >= WARM_UP && calls > 0) {
          withCalls++;
          callsDuringRounds += calls;
        }
        if (r.body.length !== BOUND || p.status !== 200) {
          throw new Error(
            `Unexpected answers: raw ${r.body.length}, plugin ${p.status}`,
          );
        }
        if (round >= WARM_UP) {
          raw.push(r.ms);
          plugin.push(p.ms);
        }
      }
      const boundIds = (
        await timedGet({ socketPath: SOCKET, path: rawPath })
      ).body.map((c: { Id: string }) => c.Id);
      const index = await measureIndex({
        docker,
        socketPath: SOCKET,
        changeIds: boundIds,
      });
      printFigures({
        size,
        rounds: ROUNDS[size],
        raw: summarize(raw),
        plugin: summarize(plugin),
        index,
        load: [loadBefore, os.loadavg()[0]],
      });
      // The route reads the index and makes none; the index's own
      // reconcile (every minute) and refreshes (events of other candidate
      // containers on this engine) run beside it and show here.
      console.log(
        `Timed plugin requests during which a container call reached the engine: ${withCalls} of ${ROUNDS[size]} (${callsDuringRounds} calls: the index's own reconcile and refreshes)`,
      );
    }
  } finally {
    await cleanUp();
    await proxy.close();
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
