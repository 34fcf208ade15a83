import Docker from 'dockerode';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_IMAGE, TEST_LABEL, uniqueRunId } from './dockerFixtures';
import { eventually } from './eventually';
import {
  beyondBaseline,
  openResources,
  Resources,
  socketConnections,
} from './openResources';
import { OwnEngine, startOwnEngine } from './ownEngine';
import { asUser, OWNER } from './testBackend';
import { startFaultsBackend } from './engineFaultsBackend';

// The engine fails for real (its dockerd killed or frozen, not a fake), and
// the plugin carries on. The engine is the suite's own, so killing it
// disturbs no other suite.
//
// The backends run as in production, with their container index on: lists
// read it while it is live. An engine that dies or freezes leaves it not
// live (a broken events stream, or a missed ping), and lists then ask
// Docker; a suite waits until the backend has noticed the fault (its log
// says so) before it lists.

export const MISSED_PING = /^Docker host own did not answer its ping/;
export const PING_AGAIN = /^Docker host own answers its ping again/;

/** Whose deadline: `patient` waits for the fault, `brisk` gives up soon. */
export type BackendName = 'patient' | 'brisk';

/** The labels of the entity `component:default/shop`'s container `number`. */
function shopLabels(runId: string, number: number) {
  return {
    [TEST_LABEL]: runId,
    'com.docker.compose.project': runId,
    'com.docker.compose.service': 'shop',
    'com.docker.compose.container-number': String(number),
    'docker-services.entity': 'component:default/shop',
  };
}

/**
 * A suite's own engine, with the shop's container `shop-1` (and `slow-1`
 * when asked for) on it, and two backends of the plugin reaching it (and
 * the machine's engine): `patient` (10 s deadline; its published signals
 * are kept) and `brisk` (1.5 s). Made by {@link useEngineFaultsWorld}.
 */
export class EngineFaultsWorld {
  readonly runId = uniqueRunId('faults');
  readonly base = `/api/docker-services/entities/component/default/shop`;
  engine!: OwnEngine;
  /** Patient deadlines: only the fault ends these requests. */
  patient!: http.Server;
  /** A short deadline: the hung engine's answers are what is under test. */
  brisk!: http.Server;
  shop!: Docker.Container;
  /** Ignores SIGTERM: a stop takes the whole stop timeout. */
  slow!: Docker.Container;
  /** What each backend logged. */
  readonly logged: Record<BackendName, string[]> = { patient: [], brisk: [] };
  /** Signals the patient backend published, with when. */
  readonly published: Array<{ at: number; channel: string }> = [];
  readonly #sqliteDir = fs.mkdtempSync(
    path.join(os.tmpdir(), `${this.runId}-`),
  );
  readonly #backends: Array<{ stop(): Promise<void> }> = [];
  /** What the process held open once both backends were warm. */
  baseline!: Resources;

  async createContainer(
    name: string,
    number: number,
    extra: {
      stopSignal?: string;
      stopTimeout?: number;
      restart?: boolean;
    } = {},
  ): Promise<Docker.Container> {
    const container = await this.engine.docker.createContainer({
      name: `${this.runId}-${name}`,
      Image: DEMO_IMAGE,
      Cmd: ['sleep', '600'],
      Labels: shopLabels(this.runId, number),
      StopSignal: extra.stopSignal,
      // How long the engine itself waits when it stops it (as it does when
      // it comes back after being killed).
      StopTimeout: extra.stopTimeout ?? 1,
      HostConfig: extra.restart ? { RestartPolicy: { Name: 'always' } } : {},
    } as Docker.ContainerCreateOptions);
    await container.start();
    return container;
  }

  list(server: http.Server) {
    return request(server).get(`${this.base}/containers`).set(asUser(OWNER));
  }

  /** Where backend `name`'s log is now: what it says from here on. */
  logMark(name: BackendName): number {
    return this.logged[name].length;
  }

  /** Connections to the own engine's socket (its side). */
  engineConnections(): number {
    return socketConnections(this.engine.socketPath);
  }

  /** Resolves `seen` when the own engine reports `action` for `container`. */
  async engineEvent(container: Docker.Container, action: string) {
    const stream = (await this.engine.docker.getEvents({
      filters: { container: [container.id], event: [action] },
    })) as NodeJS.ReadableStream & { destroy(): void };
    return {
      seen: new Promise<void>(resolve => {
        stream.once('data', () => resolve());
      }),
      close: () => stream.destroy(),
    };
  }

  /** Starts the engine, the containers and both backends; measures the baseline. */
  async setUp(options: WorldOptions): Promise<void> {
    this.engine = await startOwnEngine({
      bridge: options.bridge,
      bridgeAddress: options.bridgeAddress,
      // What reaches it shows: lists served by the index make no call.
      logApiCalls: true,
    });
    this.shop = await this.createContainer('shop-1', 1, {
      stopSignal: 'SIGKILL',
    });
    if (options.slow) {
      // sleep ignores SIGTERM as PID 1: a stop takes the whole stop
      // timeout, long enough to kill the engine while it is stopping it.
      this.slow = await this.createContainer('slow-1', 2);
    }
    for (const [name, requestTimeoutMs] of [
      ['patient', 10_000],
      ['brisk', 1500],
    ] as const) {
      const backend = await startFaultsBackend({
        name,
        runId: this.runId,
        sqliteDir: this.#sqliteDir,
        ownSocketPath: this.engine.socketPath,
        requestTimeoutMs,
        logLines: this.logged[name],
        // The patient backend's signals are kept.
        published: name === 'patient' ? this.published : undefined,
      });
      this.#backends.push(backend);
      this[name] = backend.server;
    }
    // Warm up: versions negotiated, pools and watchers in place.
    for (const server of [this.patient, this.brisk]) {
      const warm = await this.list(server);
      if (warm.body.hosts?.some((h: any) => h.status !== 'ok')) {
        throw new Error(
          `Both hosts should answer: ${JSON.stringify(warm.body)}`,
        );
      }
      await request(server)
        .get(`${this.base}/containers/own/${this.shop.id}`)
        .set(asUser(OWNER));
    }
    await eventually(
      () => this.engineConnections(),
      n => n >= 2,
    );
    this.baseline = await steadyResources();
    if (process.env.DOCKER_SERVICES_TEST_REPORT) {
      // eslint-disable-next-line no-console
      console.log(
        `own engine started in ${this.engine.lastStartMs} ms; baseline`,
        this.baseline,
      );
    }
  }

  async tearDown(): Promise<void> {
    this.engine?.cont();
    for (const backend of this.#backends) await backend.stop();
    await this.engine?.dispose();
    fs.rmSync(this.#sqliteDir, { recursive: true, force: true });
  }
}

/** The same reading twice in a row, half a second apart (or the tenth second's). */
async function steadyResources(): Promise<Resources> {
  let previous = await openResources();
  for (let i = 0; i < 20; i++) {
    await new Promise(r => setTimeout(r, 500));
    const now = await openResources();
    if (JSON.stringify(now) === JSON.stringify(previous)) break;
    previous = now;
  }
  return previous;
}

export interface WorldOptions {
  /** A bridge name no other engine uses (at most 15 characters). */
  bridge: string;
  /** Its address with a /24 no other engine uses. */
  bridgeAddress: string;
  /** Also create `slow-1`, whose stop takes the whole stop timeout. */
  slow?: boolean;
}

/** Sets the world up before the suite's tests and takes it down after them. */
export function useEngineFaultsWorld(options: WorldOptions): EngineFaultsWorld {
  const world = new EngineFaultsWorld();
  beforeAll(() => world.setUp(options), 180_000);
  afterAll(() => world.tearDown(), 120_000);
  return world;
}

/**
 * Waits until backend `name`'s last word on the own engine's pings is
 * that it missed one: its index is then not live (and cannot be again
 * while the engine is frozen or dead), and its lists ask Docker. Bounded
 * by the ping interval plus the backend's request deadline.
 */
export async function noticedOutage(
  world: EngineFaultsWorld,
  name: BackendName,
): Promise<void> {
  const lastWord = () =>
    world.logged[name]
      .filter(l => MISSED_PING.test(l) || PING_AGAIN.test(l))
      .pop();
  await eventually(
    lastWord,
    word => word !== undefined && MISSED_PING.test(word),
  );
  expect(lastWord()).toMatch(MISSED_PING);
}

/**
 * Waits until the engine is back and both backends' event watchers are
 * connected to it again (so their sockets count as in the baseline), then
 * until the process holds no more than at the baseline, and asserts it.
 */
export async function expectNoLeak(world: EngineFaultsWorld): Promise<void> {
  // Their back-off may have grown while the engine was away.
  await eventually(
    () => world.engineConnections(),
    n => n >= 2,
    60_000,
  );
  expect(world.engineConnections()).toBeGreaterThanOrEqual(2);
  const nothingMore = { sockets: 0, handles: {} };
  const now = await eventually(
    openResources,
    r =>
      JSON.stringify(beyondBaseline(r, world.baseline)) ===
      JSON.stringify(nothingMore),
    30_000,
  );
  expect(beyondBaseline(now, world.baseline)).toEqual(nothingMore);
}

/** The list answers with the own host ok and shop-1 in it again. */
export async function expectListRecovers(
  world: EngineFaultsWorld,
  server: http.Server,
): Promise<void> {
  const recovered = await eventually(
    () => world.list(server),
    res => res.body.hosts?.find((h: any) => h.name === 'own')?.status === 'ok',
  );
  expect(recovered.status).toBe(200);
  const own = recovered.body.hosts.find((h: any) => h.name === 'own');
  expect(own).toMatchObject({ status: 'ok' });
  expect(own.containers.map((c: any) => c.id)).toContain(world.shop.id);
}
