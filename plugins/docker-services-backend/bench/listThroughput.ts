/*
 * Benchmark (not a test): the list route of the plugin against the raw
 * Engine API list it rests on, side by side in one run, with 1,000 and then
 * 5,000 containers on the machine's engine (created, never started; a few
 * bound to the measured entity, the rest to 50 others). Prints p50 and p95
 * of sequential requests, as ratios against raw, and the container index's
 * figures (heap per 1,000 containers, first reconcile, time to know a
 * change). Run with `scripts/bench-list [--quick]` (--quick: 1,000 only).
 * Its backend has a mocked catalog, credentials and permissions that allow
 * everything: a tool to find where time goes, never the route's speed as
 * people get it (that is scripts/bench-portal's).
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import {
  createBenchContainers,
  removeBenchContainers,
} from './benchContainers';
import { measureIndex } from './indexFigures';
import {
  containerCalls,
  startRecordingProxy,
} from '../src/__testUtils__/recordingProxy';
import { printFigures } from './listFigures';
import { SOCKET, startBenchBackend, summarize, timedGetJson } from './common';

const ENTITY = 'bench-list';
const ENTITY_REF = `component:default/${ENTITY}`;
const BOUND = 5;
const quick =
  process.argv.includes('--quick') || process.env.BENCH_LIST_QUICK === '1';
const SIZES = quick ? [1000] : [1000, 5000];
/** Sequential requests per size, each to raw and to the plugin. */
const ROUNDS: Record<number, number> = { 1000: 200, 5000: 100 };
const WARM_UP = 5;
const timedGet = timedGetJson;

/**
 * A pause after a raw request as long as it took (at least 20 ms): on a
 * 2-core machine, the engine's work after its answer (its garbage
 * collection after listing thousands of containers) would otherwise land
 * in the plugin's next timed request.
 */
const settle = (ms: number) =>
  new Promise(r => setTimeout(r, Math.max(20, ms)));
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
    const port = await startBenchBackend({
      name: ENTITY,
      compose: `${runId}/bench`,
      dockerServices: {
        hosts: [{ name: 'local', url: proxy.url }],
        requestTimeoutMs: 60_000,
      },
    });
    const pluginRequest = {
      host: '127.0.0.1',
      port,
      path: `/api/docker-services/entities/component/default/${ENTITY}/containers`,
      headers: { Authorization: mockCredentials.user.header() },
    };
    // A fleet search by one container's name (number 0, one of the bound
    // ones), beside Docker's own search by name.
    const searched = `${runId}-0`;
    const fleetRequest = {
      ...pluginRequest,
      path: `/api/docker-services/fleet/containers?q=${searched}&limit=10`,
    };
    const rawSearchPath = `/containers/json?all=1&filters=${encodeURIComponent(
      JSON.stringify({ name: [`^/${searched}$`] }),
    )}`;
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
      const rawSearch: number[] = [];
      const fleet: number[] = [];
      /** Timed plugin requests during which a container call reached the engine. */
      let withCalls = 0;
      let callsDuringRounds = 0;
      const loadBefore = os.loadavg()[0];
      for (let round = 0; round < WARM_UP + ROUNDS[size]; round++) {
        const r = await timedGet({ socketPath: SOCKET, path: rawPath });
        await settle(r.ms);
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
      // The searches after the lists, so that neither's garbage is
      // collected during the other's timed requests.
      for (let round = 0; round < WARM_UP + ROUNDS[size]; round++) {
        const rs = await timedGet({ socketPath: SOCKET, path: rawSearchPath });
        await settle(rs.ms);
        const f = await timedGet(fleetRequest);
        if (rs.body.length !== 1 || f.body.containers?.length !== 1) {
          throw new Error(
            `Unexpected answers: raw search ${rs.body.length}, fleet search ${f.status} ${f.body.containers?.length}`,
          );
        }
        if (round >= WARM_UP) {
          rawSearch.push(rs.ms);
          fleet.push(f.ms);
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
        rawSearch: summarize(rawSearch),
        fleet: summarize(fleet),
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
