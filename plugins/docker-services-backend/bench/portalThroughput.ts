/*
 * Benchmark (not a test) through the portal as shipped: the portal's own
 * backend (packages/backend, started by scripts/bench-portal with the demo
 * config, the demo permission policy and a generated catalog of 300
 * entities), a real guest token for a catalog user, over HTTP; beside the
 * raw Engine API on the same engine, interleaved in one run. Creates the
 * containers (created, never started), every one bound by its label to one
 * of 50 components, and removes them at the end. Prints p50/p95, the ratios
 * raw/route (≥ 1: the route is faster) and where a route request's time
 * goes (token check, catalog read, permission decision, the rest).
 * Run with scripts/bench-portal; it sets the environment read below.
 */
import Docker from 'dockerode';
import os from 'node:os';
import { summarize } from './common';
import {
  BENCH_USER,
  COMPONENTS,
  componentName,
  EMPTY_COMPONENT,
} from './portalCatalog';
import {
  Answer,
  createContainers,
  engine,
  engineCalls,
  entityRef,
  portal,
  removeContainers,
  RUN_ID,
  RUN_LABEL,
  signIn,
  sleep,
  SOCKET,
  timed,
  until,
  containerName,
} from './portalClient';
import { Measure, PortalFigures, printPortalFigures } from './portalFigures';

/** Containers on the engine, measured in turn: "1000" or "1000,5000". */
const SIZES = (process.env.BENCH_CONTAINERS ?? '1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARM_UP = 10;

const readPermission = (resourceRef: string) => ({
  items: [
    {
      id: '1',
      permission: {
        type: 'resource',
        name: 'docker-services.container.read',
        attributes: { action: 'read' },
        resourceType: 'catalog-entity',
      },
      resourceRef,
    },
  ],
});

const MEASURES: Measure[] = [
  'raw',
  'route',
  'reload',
  'revalidate',
  'rawSearch',
  'fleet',
  'catalog',
  'token',
  'decision',
  'http',
  'empty',
];

const routePath = (name: string) =>
  `/api/docker-services/entities/component/default/${name}/containers`;
const shown = (a: Answer) =>
  (a.body.hosts ?? []).reduce(
    (n: number, h: any) => n + (h.containers?.length ?? 0),
    0,
  );

/** The interleaved rounds at one size; throws on any unexpected answer. */
async function measure(token: string, size: number): Promise<PortalFigures> {
  const perEntity = (c: number) =>
    Math.floor(size / COMPONENTS) + (c < size % COMPONENTS ? 1 : 0);
  // The index knows every container (the last created first).
  await until('the list route shows every bound container', 600, async () => {
    for (let c = COMPONENTS - 1; c >= 0; c--) {
      const a = await timed(portal(routePath(componentName(c)), token));
      if (a.status !== 200 || shown(a) !== perEntity(c)) return false;
    }
    return true;
  });
  const samples = Object.fromEntries(
    MEASURES.map(m => [m, [] as number[]]),
  ) as Record<Measure, number[]>;
  let routeBytes = 0;
  const loadBefore = os.loadavg();
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const c = round % COMPONENTS;
    const name = containerName((round * 37) % size);
    const rawList = `/containers/json?all=1&filters=${encodeURIComponent(
      JSON.stringify({ label: [`docker-services.entity=${entityRef(c)}`] }),
    )}`;
    const rawSearch = `/containers/json?all=1&filters=${encodeURIComponent(
      JSON.stringify({ name: [`^/${name}$`] }),
    )}`;
    const took: Partial<Record<Measure, Answer>> = {};
    // After each raw request, a pause as long as it took (at least 20 ms):
    // the engine's work after its answer would otherwise land in the next
    // timed request (2 cores).
    took.raw = await timed(engine(rawList));
    await sleep(Math.max(20, took.raw.ms));
    // The entities come round every 50 rounds, after the 5 s its cached
    // answers live: a first view. Then the same tab reloaded at once.
    took.route = await timed(portal(routePath(componentName(c)), token));
    took.reload = await timed(portal(routePath(componentName(c)), token));
    // A browser holding that answer asks whether it is still true.
    const held = portal(routePath(componentName(c)), token);
    took.revalidate = await timed({
      ...held,
      headers: { ...held.headers, 'If-None-Match': took.reload.etag ?? '' },
    });
    took.rawSearch = await timed(engine(rawSearch));
    await sleep(Math.max(20, took.rawSearch.ms));
    took.fleet = await timed(
      portal(`/api/docker-services/fleet/containers?q=${name}&limit=10`, token),
    );
    took.catalog = await timed(
      portal(
        `/api/catalog/entities/by-name/component/default/${componentName(c)}`,
        token,
      ),
    );
    took.token = await timed(portal('/api/auth/v1/userinfo', token));
    took.decision = await timed(
      portal('/api/permission/authorize', token, 'POST'),
      readPermission(entityRef(c)),
    );
    took.http = await timed(portal('/.backstage/health/v1/readiness'));
    took.empty = await timed(portal(routePath(EMPTY_COMPONENT), token));

    const wrong = [
      took.raw.body.length !== perEntity(c) &&
        `raw list ${took.raw.body.length}`,
      (took.route.status !== 200 || shown(took.route) !== perEntity(c)) &&
        `route ${took.route.status} ${shown(took.route)}`,
      (took.reload.status !== 200 || shown(took.reload) !== perEntity(c)) &&
        `reload ${took.reload.status} ${shown(took.reload)}`,
      took.revalidate.status !== 304 && `revalidate ${took.revalidate.status}`,
      took.rawSearch.body.length !== 1 &&
        `raw search ${took.rawSearch.body.length}`,
      took.fleet.body.containers?.length !== 1 &&
        `fleet ${took.fleet.status} ${took.fleet.body.containers?.length}`,
      took.catalog.status !== 200 && `catalog ${took.catalog.status}`,
      took.token.status !== 200 && `userinfo ${took.token.status}`,
      took.decision.body.items?.[0]?.result !== 'ALLOW' &&
        `decision ${took.decision.status}`,
      took.http.status !== 200 && `readiness ${took.http.status}`,
      (took.empty.status !== 200 || shown(took.empty) !== 0) &&
        `empty route ${took.empty.status} ${shown(took.empty)}`,
    ].filter(Boolean);
    if (wrong.length > 0) {
      throw new Error(
        `Unexpected answers in round ${round}: ${wrong.join(', ')}`,
      );
    }
    if (round >= WARM_UP) {
      for (const m of MEASURES) samples[m].push(took[m]!.ms);
      routeBytes = took.route.bytes;
    }
  }
  // List requests alone, counting what they ask Docker: an entity's own
  // labelled list or an inspect (the index's reconciles list by the label's
  // key alone and are not counted).
  const before = await engineCalls();
  const alone: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const c = round % COMPONENTS;
    const a = await timed(portal(routePath(componentName(c)), token));
    if (a.status !== 200 || shown(a) !== perEntity(c)) {
      throw new Error(`Unexpected list answer: ${a.status} ${shown(a)}`);
    }
    alone.push(a.ms);
  }
  const after = await engineCalls();
  const listDockerCalls =
    after.entityList - before.entityList + (after.inspect - before.inspect);
  return {
    size,
    listDockerCalls,
    listRequests: ROUNDS,
    routeAlone: summarize(alone),
    perEntity: perEntity(0),
    rounds: ROUNDS,
    warmUp: WARM_UP,
    setupSeconds: 0,
    routeBytes,
    p: Object.fromEntries(
      MEASURES.map(m => [m, summarize(samples[m])]),
    ) as PortalFigures['p'],
    loadBefore,
    loadAfter: os.loadavg(),
  };
}

async function main() {
  const docker = new Docker({ socketPath: SOCKET });
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    const removed = await removeContainers(docker);
    console.log(`Removed ${removed} containers (label ${RUN_LABEL}=${RUN_ID})`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  try {
    const token = await signIn();
    const figures: PortalFigures[] = [];
    let created = 0;
    for (const size of SIZES) {
      const creating = performance.now();
      await createContainers(docker, created, size);
      const setupSeconds = (performance.now() - creating) / 1000;
      console.log(
        `Created ${size - created} containers in ${setupSeconds.toFixed(
          1,
        )} s (${size} in all)`,
      );
      created = size;
      figures.push({ ...(await measure(token, size)), setupSeconds });
    }
    printPortalFigures(figures, BENCH_USER);
  } finally {
    await cleanUp();
  }
}

main()
  .then(() => process.exit(0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
