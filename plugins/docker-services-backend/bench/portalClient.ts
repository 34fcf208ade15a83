/*
 * What the benchmarks through the portal share (bench/portalThroughput.ts,
 * bench/portalLoad.ts): the run's settings from scripts/bench-portal,
 * timed requests to the portal and the engine, the Engine call counts of
 * bench/engineCallCounter.ts, the bench's containers, and the guest's
 * sign-in. Not part of the plugin.
 */
import Docker from 'dockerode';
import http from 'node:http';
import { join } from 'node:path';
import { removeBenchContainers } from './benchContainers';
import { recordSignIns, userToken } from './benchTokens';
import { CallCounts } from './engineCallCounter';
import {
  BENCH_USER,
  benchUser,
  COMPONENTS,
  componentName,
  composeService,
  EMPTY_COMPONENT,
} from './portalCatalog';

export const BASE = new URL(required('BENCH_PORTAL_URL'));
// Unset when bench/portalLoad.ts measures a portal it did not start.
export const SOCKET = process.env.BENCH_SOCKET ?? '';
export const RUN_ID = process.env.BENCH_RUN_ID ?? '';
/** The proxy between the backend and the engine (bench/engineCallCounter.ts). */
export const COUNTER = process.env.BENCH_COUNTER_SOCKET;
/** The run's folder with its signing key (bench/benchTokens.ts); unset for a portal the bench did not start. */
const KEY_DIR = process.env.BENCH_KEY_DIR;
/** Docker calls at a time while creating or removing containers. */
const BATCH = 16;
export const RUN_LABEL = 'docker-services.bench';

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run scripts/bench-portal`);
  return value;
}

export const entityRef = (c: number) => `component:default/${componentName(c)}`;
export const containerName = (n: number) =>
  `${RUN_ID}-c${String(n).padStart(4, '0')}`;

// Kept-alive connections, as a browser's to its portal.
export const backendAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const engineAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface Answer {
  ms: number;
  status: number;
  bytes: number;
  body: any;
  /** The answer's ETag header, if any. */
  etag?: string;
}

/** One request, timed from its start to the end of the answer's body. */
export function timed(
  options: http.RequestOptions,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        ...options,
        headers: {
          ...options.headers,
          ...(payload && { 'Content-Type': 'application/json' }),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({
            ms,
            status: res.statusCode ?? 0,
            bytes: text.length,
            body: parsed,
            etag: res.headers.etag,
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

export const portal = (path: string, token?: string, method = 'GET') => ({
  host: BASE.hostname,
  port: BASE.port,
  path,
  method,
  agent: backendAgent,
  headers: token ? { Authorization: `Bearer ${token}` } : {},
});
export const engine = (path: string) => ({
  socketPath: SOCKET,
  path,
  agent: engineAgent,
});
/** What the backend has asked the engine so far (a backend the bench started). */
export async function engineCalls(): Promise<CallCounts> {
  if (!COUNTER) throw new Error('BENCH_COUNTER_SOCKET is not set');
  const { status, body } = await timed({
    socketPath: COUNTER,
    path: '/_bench/calls',
  });
  if (status !== 200) throw new Error(`No call counts: ${status}`);
  return body;
}
export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export async function inBatches<T>(
  items: T[],
  fn: (item: T) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += BATCH) {
    await Promise.all(items.slice(i, i + BATCH).map(fn));
  }
}

/** Creates containers `from`..`to - 1`. */
export async function createContainers(
  docker: Docker,
  from: number,
  to: number,
) {
  const numbers = Array.from({ length: to - from }, (_, i) => from + i);
  await inBatches(numbers, n =>
    docker.createContainer({
      name: containerName(n),
      Image: 'docker-services-demo/busybox:latest',
      Cmd: ['sleep', '3600'],
      StopSignal: 'SIGKILL',
      Labels: {
        [RUN_LABEL]: RUN_ID,
        'docker-services.entity': entityRef(n % COMPONENTS),
        'com.docker.compose.project': RUN_ID,
        'com.docker.compose.service': composeService(n % COMPONENTS),
      },
    }),
  );
}

export const removeContainers = (docker: Docker) =>
  removeBenchContainers(docker, RUN_ID, RUN_LABEL);

export async function guestToken(): Promise<string> {
  const { status, body } = await timed(portal('/api/auth/guest/refresh'));
  if (status !== 200) throw new Error(`No guest token: ${status}`);
  return body.backstageIdentity.token;
}

/**
 * Signs in `count` people as different catalog users (bench users 0 to
 * count - 1, of 240: bench/portalCatalog.ts), each with a token of their
 * own signed with the run's key as the backend's auth plugin signs its
 * own, their sign-ins recorded as the auth plugin records them; only on a
 * backend scripts/bench-portal started.
 */
export async function signInPeople(count: number): Promise<string[]> {
  if (!KEY_DIR) {
    throw new Error('BENCH_KEY_DIR is not set; run scripts/bench-portal');
  }
  const people = Array.from({ length: count }, (_, u) => benchUser(u));
  const distinct = new Map(people.map(p => [p.userEntityRef, p]));
  await recordSignIns(join(KEY_DIR, 'data'), [...distinct.values()]);
  return people.map(({ userEntityRef }) =>
    userToken({
      dir: KEY_DIR,
      issuer: `http://localhost:${BASE.port}/api/auth`,
      userEntityRef,
    }),
  );
}

/** Polls `check` every 500 ms until it holds, at most `tries` times. */
export async function until(
  what: string,
  tries: number,
  check: () => Promise<boolean>,
) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await sleep(500);
  }
  throw new Error(`Gave up waiting: ${what}`);
}

/**
 * Waits for the catalog to hold the bench's entities (the guest's
 * ownership claims are read from it at sign-in), then signs in as the
 * guest; returns the token.
 */
export async function signIn(): Promise<string> {
  // The catalog first: the guest's ownership claims are read from it at sign-in.
  const early = await guestToken();
  const byName = (kind: string, name: string) =>
    timed(
      portal(`/api/catalog/entities/by-name/${kind}/default/${name}`, early),
    );
  await until('the catalog has the bench entities', 600, async () => {
    const user = await byName('user', BENCH_USER.split('/')[1]);
    const last = await byName('component', EMPTY_COMPONENT);
    return (
      last.status === 200 &&
      user.status === 200 &&
      (user.body.relations ?? []).some((r: any) => r.type === 'memberOf')
    );
  });
  const token = await guestToken();
  const { body: userInfo } = await timed(
    portal('/api/auth/v1/userinfo', token),
  );
  console.log(
    `Signed in as ${BENCH_USER}; ownership claims: ${userInfo.claims?.ent?.join(
      ', ',
    )}`,
  );
  return token;
}
