import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { entityChannel } from '@docker-services/backstage-plugin-docker-services-common';
import Docker from 'dockerode';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  DEMO_IMAGE,
  TEST_LABEL,
  uniqueRunId,
} from './__testUtils__/dockerFixtures';
import { OwnEngine, startOwnEngine } from './__testUtils__/ownEngine';
import { containerCalls } from './__testUtils__/recordingProxy';
import {
  asUser,
  component,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
} from './__testUtils__/testBackend';
import { DockerodeHost } from './docker/DockerodeHost';
import {
  ContainerEvent,
  ContainerEventWatcher,
} from './events/ContainerEventWatcher';

// The engine fails for real (its dockerd killed or frozen, not a fake), and
// the plugin carries on: every request ends with a sentence, nothing leaks,
// and once the engine is back the list recovers and the events catch up.
// The engine is this suite's own, so killing it disturbs no other suite.
//
// The backends run as in production, with their container index on: lists
// read it while it is live. An engine that dies or freezes leaves it not
// live (a broken events stream, or a missed ping), and lists then ask
// Docker, which is what the list cases below are about: they wait until the
// backend has noticed the fault (its log says so) before they list.

const runId = uniqueRunId('faults');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const base = `/api/docker-services/entities/component/default/shop`;
const entities = [
  component('shop', { 'docker-services/compose': `${runId}/shop` }),
];
const labels = (number: number) => ({
  [TEST_LABEL]: runId,
  'com.docker.compose.project': runId,
  'com.docker.compose.service': 'shop',
  'com.docker.compose.container-number': String(number),
  'docker-services.entity': 'component:default/shop',
});

let engine: OwnEngine;
/** Patient deadlines: only the fault ends these requests. */
let patient: http.Server;
/** A short deadline: the hung engine's answers are what is under test. */
let brisk: http.Server;
/** What each backend logged, by backend name. */
const logged: Record<string, string[]> = {};
const backends: Array<{ stop(): Promise<void> }> = [];
/** Signals the patient backend published, with when. */
const published: Array<{ at: number; channel: string }> = [];
let shop: Docker.Container;
let slow: Docker.Container;

function backendConfig(name: string, requestTimeoutMs: number) {
  return {
    backend: {
      database: testDatabaseConfig(
        `${runId}-${name}`,
        path.join(sqliteDir, name),
      ),
    },
    permission: { enabled: true },
    dockerServices: {
      hosts: [
        { name: 'own', socketPath: engine.socketPath },
        { name: 'local', socketPath: '/var/run/docker.sock' },
      ],
      requestTimeoutMs,
      stopTimeoutSeconds: 20,
      // Only the first, and those after a fault: what reaches the engine
      // while the index is live is then the pings and events alone.
      index: { reconcileSeconds: 3600 },
    },
  };
}

async function createContainer(
  name: string,
  number: number,
  extra: {
    stopSignal?: string;
    stopTimeout?: number;
    restart?: boolean;
  } = {},
) {
  const container = await engine.docker.createContainer({
    name: `${runId}-${name}`,
    Image: DEMO_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: labels(number),
    StopSignal: extra.stopSignal,
    // How long the engine itself waits when it stops it (as it does when it
    // comes back after being killed).
    StopTimeout: extra.stopTimeout ?? 1,
    HostConfig: extra.restart ? { RestartPolicy: { Name: 'always' } } : {},
  } as Docker.ContainerCreateOptions);
  await container.start();
  return container;
}

/** The plugin's logger of backend `name`: keeps every message. */
function recordingLogger(name: string) {
  const lines: string[] = (logged[name] = []);
  const logger: LoggerService = {
    error: message => void lines.push(message),
    warn: message => void lines.push(message),
    info: message => void lines.push(message),
    debug: message => void lines.push(message),
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
}

/** Where backend `name`'s log is now: what it says from here on. */
const logMark = (name: string) => logged[name].length;

const MISSED_PING = /^Docker host own did not answer its ping/;
const PING_AGAIN = /^Docker host own answers its ping again/;

/**
 * Waits until backend `name`'s last word on the own engine's pings is that
 * it missed one: its index is then not live (and cannot be again while the
 * engine is frozen or dead), and its lists ask Docker. Bounded by the ping
 * interval plus the backend's request deadline.
 */
async function noticedOutage(name: string) {
  const lastWord = () =>
    logged[name].filter(l => MISSED_PING.test(l) || PING_AGAIN.test(l)).pop();
  await eventually(
    lastWord,
    word => word !== undefined && MISSED_PING.test(word),
  );
  expect(lastWord()).toMatch(MISSED_PING);
}

/** Polls `condition` every 200 ms for at most `limitMs`; returns its last value. */
async function eventually<T>(
  read: () => Promise<T> | T,
  condition: (value: T) => boolean,
  limitMs = 40_000,
): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  let value = await read();
  while (!condition(value) && Date.now() < giveUpAt) {
    await new Promise(r => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

const list = (server: http.Server) =>
  request(server).get(`${base}/containers`).set(asUser(OWNER));

/** Connections to the own engine's socket (its side), as the kernel lists them. */
function engineConnections(): number {
  return fs
    .readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .filter(line => {
      const fields = line.trim().split(/\s+/);
      // 03: accepted; 02: waiting to be accepted (by a frozen engine).
      return (
        fields[7] === engine.socketPath &&
        (fields[5] === '03' || fields[5] === '02')
      );
    }).length;
}

/**
 * What this process holds open: socket file descriptors, and the active
 * handles keeping it alive, by type. Idle keep-alive sockets of the shared
 * agent are closed first: they are reuse, not leaks, and come and go.
 */
async function openResources() {
  for (const sockets of Object.values(http.globalAgent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
  // Let the closes reach both ends (the backend's server side is in this process).
  await new Promise(r => setTimeout(r, 300));
  const sockets = fs.readdirSync('/proc/self/fd').filter(fd => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
  const handles: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'Timeout' || type === 'Immediate') continue;
    handles[type] = (handles[type] ?? 0) + 1;
  }
  return { sockets, handles };
}

type Resources = Awaited<ReturnType<typeof openResources>>;
let baseline: Resources;

/** Every count of `now` at most the baseline's: nothing more is held open. */
function withinBaseline(now: Resources) {
  return {
    sockets: Math.max(0, now.sockets - baseline.sockets),
    handles: Object.fromEntries(
      Object.entries(now.handles)
        .map(([type, n]) => [type, n - (baseline.handles[type] ?? 0)])
        .filter(([, more]) => (more as number) > 0),
    ),
  };
}

/**
 * Waits until the engine is back and both backends' event watchers are
 * connected to it again (so their sockets count as in the baseline), then
 * until the process holds no more than at the baseline, and asserts it.
 */
async function expectNoLeak() {
  // Their back-off may have grown while the engine was away.
  await eventually(engineConnections, n => n >= 2, 60_000);
  expect(engineConnections()).toBeGreaterThanOrEqual(2);
  const nothingMore = { sockets: 0, handles: {} };
  const now = await eventually(
    openResources,
    r => JSON.stringify(withinBaseline(r)) === JSON.stringify(nothingMore),
    30_000,
  );
  expect(withinBaseline(now)).toEqual(nothingMore);
}

/** The list answers with the own host ok and shop-1 in it again. */
async function expectListRecovers(server: http.Server) {
  const recovered = await eventually(
    () => list(server),
    res => res.body.hosts?.find((h: any) => h.name === 'own')?.status === 'ok',
  );
  expect(recovered.status).toBe(200);
  const own = recovered.body.hosts.find((h: any) => h.name === 'own');
  expect(own).toMatchObject({ status: 'ok' });
  expect(own.containers.map((c: any) => c.id)).toContain(shop.id);
}

/** A sentence for people that names the host and says what happened. */
const UNAVAILABLE = expect.stringMatching(
  /^Docker host "own" is unavailable: .+\.$/,
);
/** What Docker or Node would say: never shown to people. */
const INTERNALS =
  /HTTP code|socket hang up|ECONN|EPIPE|ENOENT|\(HTTP|dockerd|\/v1\./;

function expectReadable(message: unknown) {
  expect(message).toEqual(UNAVAILABLE);
  expect(message).not.toMatch(INTERNALS);
}

/** Resolves when the own engine reports `action` for `container`. */
async function engineEvent(container: Docker.Container, action: string) {
  const stream = (await engine.docker.getEvents({
    filters: { container: [container.id], event: [action] },
  })) as NodeJS.ReadableStream & { destroy(): void };
  return {
    seen: new Promise<void>(resolve => {
      stream.once('data', () => resolve());
    }),
    close: () => stream.destroy(),
  };
}

beforeAll(async () => {
  // A bridge and /24 no other suite's engine uses (logs faults: dsvclogs).
  engine = await startOwnEngine({
    bridge: 'dsvc9',
    bridgeAddress: '172.31.249.1/24',
    // What reaches it shows: lists served by the index make no call.
    logApiCalls: true,
  });
  shop = await createContainer('shop-1', 1, { stopSignal: 'SIGKILL' });
  // sleep ignores SIGTERM as PID 1: a stop takes the whole stop timeout,
  // long enough to kill the engine while it is stopping it.
  slow = await createContainer('slow-1', 2);
  for (const [name, timeout] of [
    ['patient', 10_000],
    ['brisk', 1500],
  ] as const) {
    const backend = await startPluginBackend({
      entities,
      config: backendConfig(name, timeout),
      extraFeatures:
        name === 'patient'
          ? [
              recordingLogger(name),
              createServiceFactory({
                service: signalsServiceRef,
                deps: {},
                factory: () => ({
                  publish: async (signal: { channel: string }) =>
                    void published.push({
                      at: Date.now(),
                      channel: signal.channel,
                    }),
                }),
              }),
            ]
          : [recordingLogger(name)],
    });
    backends.push(backend);
    if (name === 'patient') patient = backend.server;
    else brisk = backend.server;
  }
  // Warm up: versions negotiated, pools and watchers in place.
  for (const server of [patient, brisk]) {
    const warm = await list(server);
    if (warm.body.hosts?.some((h: any) => h.status !== 'ok')) {
      throw new Error(`Both hosts should answer: ${JSON.stringify(warm.body)}`);
    }
    await request(server)
      .get(`${base}/containers/own/${shop.id}`)
      .set(asUser(OWNER));
  }
  await eventually(engineConnections, n => n >= 2);
  // Steady state: the same reading twice in a row.
  let previous = await openResources();
  for (let i = 0; i < 20; i++) {
    await new Promise(r => setTimeout(r, 500));
    const now = await openResources();
    if (JSON.stringify(now) === JSON.stringify(previous)) break;
    previous = now;
  }
  baseline = previous;
  if (process.env.DOCKER_SERVICES_TEST_REPORT) {
    // eslint-disable-next-line no-console
    console.log(
      `own engine started in ${engine.lastStartMs} ms; baseline`,
      baseline,
    );
  }
}, 180_000);

afterAll(async () => {
  engine?.cont();
  for (const backend of backends) await backend.stop();
  await engine?.dispose();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

describe('the container index', () => {
  /** A list by the brisk backend, and the container calls the engine received meanwhile. */
  async function briskList() {
    const before = engine.apiCalls().length;
    const res = await list(brisk);
    return { res, calls: containerCalls(engine.apiCalls().slice(before)) };
  }
  const ownOf = (res: request.Response) =>
    res.body.hosts?.find((h: any) => h.name === 'own');
  /** Served by the live index: the own host ok with shop-1, and no container call. */
  const fromIndex = ({ res, calls }: Awaited<ReturnType<typeof briskList>>) =>
    calls.length === 0 &&
    ownOf(res)?.status === 'ok' &&
    ownOf(res).containers.some((c: any) => c.id === shop.id);

  it('serves lists while the engine answers its pings; frozen, lists ask the engine and say so; live again once it answers', async () => {
    // Live: no list reaches the engine (nothing changes on it, and neither
    // backend reconciles before an hour: their own calls would show too).
    await eventually(briskList, fromIndex);
    const lists = [];
    for (let i = 0; i < 5; i++) lists.push(await briskList());
    expect(lists.map(l => l.calls)).toEqual([[], [], [], [], []]);
    expect(lists.map(l => ownOf(l.res).status)).toEqual(Array(5).fill('ok'));
    // The engine's log does show a list when one reaches it.
    const before = engine.apiCalls().length;
    await engine.docker.listContainers({
      all: true,
      filters: { label: [`${TEST_LABEL}=${runId}`] },
    });
    expect(containerCalls(engine.apiCalls().slice(before))).toEqual([
      'GET /containers/json',
    ]);

    const mark = logMark('brisk');
    engine.stop();
    try {
      // Its events stream stays open; the missed ping is what tells.
      await noticedOutage('brisk');
      // Only a list that asked the frozen engine can say this.
      const { res } = await briskList();
      expect(ownOf(res)).toEqual({
        name: 'own',
        status: 'unavailable',
        error: expect.stringMatching(/did not answer in time/),
      });
      expectReadable(ownOf(res).error);
    } finally {
      engine.cont();
    }
    // Pings answer again, a reconcile runs, and the index serves again.
    const back = await eventually(briskList, fromIndex);
    expect(back.calls).toEqual([]);
    expect(ownOf(back.res)).toMatchObject({ status: 'ok' });
    expect(logged.brisk.slice(mark)).toContainEqual(
      expect.stringMatching(PING_AGAIN),
    );
    await expectNoLeak();
  });
});

describe('a Docker engine killed', () => {
  it('mid-list: the list ends with the host unavailable and a sentence, then recovers', async () => {
    engine.stop();
    // The index has let go: this list goes to the (frozen) engine.
    await noticedOutage('patient');
    const before = engineConnections();
    const pending = list(patient).then(res => res);
    // The request has reached the frozen engine's socket (or is on its way).
    await eventually(engineConnections, n => n > before, 5000);
    await engine.kill();
    const res = await pending;
    expect(res.status).toBe(200);
    const [own, local] = res.body.hosts;
    expect(own).toMatchObject({ name: 'own', status: 'unavailable' });
    expectReadable(own.error);
    // The other host is not affected.
    expect(local).toMatchObject({ name: 'local', status: 'ok' });

    // While it is down, the list still answers at once, with a sentence.
    const down = await list(patient);
    expect(down.status).toBe(200);
    expect(down.body.hosts[0]).toMatchObject({
      name: 'own',
      status: 'unavailable',
      error: expect.stringMatching(/no Docker engine is running/),
    });

    await engine.restart();
    if (process.env.DOCKER_SERVICES_TEST_REPORT) {
      // eslint-disable-next-line no-console
      console.log(`own engine restarted in ${engine.lastStartMs} ms`);
    }
    await expectListRecovers(patient);
    await expectNoLeak();
  });

  it('mid-action, frozen then killed: the action ends with 503 and a sentence', async () => {
    engine.stop();
    const before = engineConnections();
    const pending = request(patient)
      .post(`${base}/containers/own/${shop.id}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'engine fault test' })
      .then(res => res);
    await eventually(engineConnections, n => n > before, 5000);
    await engine.kill();
    const res = await pending;
    expect(res.status).toBe(503);
    expectReadable(res.body.error.message);

    await engine.restart();
    await expectListRecovers(patient);
    await expectNoLeak();
  });

  it('while Docker is stopping the container: the action ends with a sentence, never hangs', async () => {
    await slow.start().catch(() => undefined);
    const stopping = await engineEvent(slow, 'kill');
    const pending = request(patient)
      .post(`${base}/containers/own/${slow.id}/stop`)
      .set(asUser(OWNER))
      .then(res => res);
    // Docker has sent the stop signal and waits for the stop timeout (20 s).
    await stopping.seen;
    stopping.close();
    await engine.kill();
    const res = await pending;
    // Either refused with a sentence, or accepted with the state unknown.
    const refused = {
      status: 503,
      body: expect.objectContaining({
        error: expect.objectContaining({ message: UNAVAILABLE }),
      }),
    };
    const unknown = {
      status: 202,
      body: expect.objectContaining({
        action: 'stop',
        stateUnknown: true,
        message: expect.stringMatching(/state is being refreshed/),
      }),
    };
    expect({ status: res.status, body: res.body }).toEqual(
      res.status === 202 ? unknown : refused,
    );
    expect(res.body.error?.message ?? res.body.message).not.toMatch(INTERNALS);

    await engine.restart();
    await expectListRecovers(patient);
    // The history says what happened to the attempt, in words.
    const history = await request(patient)
      .get(`${base}/history`)
      .set(asUser(OWNER));
    expect(history.status).toBe(200);
    const [latest] = history.body.items;
    expect(latest).toMatchObject({
      action: 'stop',
      containerId: slow.id,
      outcome: res.status === 503 ? 'failed' : 'unknown',
    });
    await expectNoLeak();
  });
});

describe('a hung Docker engine (frozen with SIGSTOP)', () => {
  it('answers the list, details and actions within the deadline, with sentences', async () => {
    engine.stop();
    try {
      await noticedOutage('brisk');
      const [listed, details, action] = await Promise.all([
        list(brisk),
        request(brisk)
          .get(`${base}/containers/own/${shop.id}`)
          .set(asUser(OWNER)),
        request(brisk)
          .post(`${base}/containers/own/${shop.id}/restart`)
          .set(asUser(OWNER)),
      ]);
      expect(listed.status).toBe(200);
      expect(listed.body.hosts).toEqual([
        {
          name: 'own',
          status: 'unavailable',
          error: expect.stringMatching(/did not answer in time/),
        },
        expect.objectContaining({ name: 'local', status: 'ok' }),
      ]);
      expectReadable(listed.body.hosts[0].error);
      expect(details.status).toBe(503);
      expectReadable(details.body.error.message);
      expect(details.body.error.message).toMatch(/did not answer in time/);
      expect(action.status).toBe(503);
      expectReadable(action.body.error.message);
    } finally {
      engine.cont();
    }
    await expectListRecovers(brisk);
    await expectNoLeak();
  });
});

describe('events while the engine was away', () => {
  it('the watcher reconnects by itself and catches up on what changed', async () => {
    // Restarted by the engine when it comes back; and one it only stops.
    const keeper = await createContainer('keeper-1', 3, {
      stopSignal: 'SIGKILL',
      restart: true,
    });
    const events: ContainerEvent[] = [];
    const resyncs: string[] = [];
    const watcher = new ContainerEventWatcher({
      hosts: [
        DockerodeHost.create({
          name: 'own',
          socketPath: engine.socketPath,
          requestTimeoutMs: 5000,
          trustCatalogAnnotations: false,
        }),
      ],
      onEvent: async event => void events.push(event),
      onResync: host => void resyncs.push(host),
      logger: mockServices.logger.mock(),
    });
    watcher.start();
    try {
      // Connected once it reports a change.
      const plain = await createContainer('plain-1', 4, {
        stopSignal: 'SIGKILL',
      });
      await eventually(
        () => events,
        e => e.some(x => x.id === plain.id && x.action === 'start'),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ id: plain.id, action: 'start' }),
      );

      await engine.kill();
      const seenBefore = events.length;
      const killedAt = Date.now();
      // Coming back, the engine stops what ran when it died and restarts
      // the keeper, before it answers anyone: no stream is open then.
      await engine.restart();
      const caughtUp = () => events.slice(seenBefore);
      await eventually(
        caughtUp,
        e =>
          e.some(x => x.id === plain.id && x.action === 'die') &&
          e.some(x => x.id === keeper.id && x.action === 'start'),
      );
      expect(caughtUp()).toEqual(
        expect.arrayContaining([
          {
            host: 'own',
            id: plain.id,
            action: 'die',
            labels: expect.objectContaining({
              'docker-services.entity': 'component:default/shop',
            }),
          },
          expect.objectContaining({ id: keeper.id, action: 'start' }),
        ]),
      );
      expect(resyncs).toEqual(['own']);
      // Through the plugin's own wiring too: its watcher came back by
      // itself, caught up, and told the entity's pages.
      const channel = entityChannel('component:default/shop');
      const signalled = () =>
        published.filter(p => p.at > killedAt && p.channel === channel);
      await eventually(signalled, p => p.length > 0);
      expect(signalled().length).toBeGreaterThan(0);

      // And it follows live changes again.
      await plain.start();
      await eventually(
        caughtUp,
        e =>
          e.filter(x => x.id === plain.id && x.action === 'start').length > 0,
      );
      expect(caughtUp()).toContainEqual(
        expect.objectContaining({ id: plain.id, action: 'start' }),
      );
    } finally {
      await watcher.stop();
    }
    await expectListRecovers(patient);
  });
});
