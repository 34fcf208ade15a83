/*
 * Load benchmark (not a test) through the portal: virtual people, each
 * reloading a tab's container list once a second, plus live log
 * followers, against the portal's own backend as scripts/bench-load starts
 * it (its containers bound to 50 components, its Engine calls counted), or
 * against a running portal (BENCH_LOAD_DEMO=1: the demo's shop-web). Prints
 * requests served per second against offered, errors, list p50/p95 under
 * load against idle, the backend's RSS at start, at its peak and a while
 * after, and the Docker calls list requests made. Every loop ends at its
 * deadline; every request has a timeout.
 * On the portal's own backend every virtual person is a different catalog
 * user (bench/benchTokens.ts: that backend signs tokens with the run's
 * key), and the followers are spread over the first
 * BENCH_LOAD_FOLLOWER_USERS of them, within the plugin's limit of live
 * followers per person (dockerServices.logs, default 5). The demo portal
 * signs in one user only (its guest), so there every person is that user
 * with a token of their own, and that limit refuses followers beyond 5.
 * Settings: BENCH_LOAD_USERS (200), BENCH_LOAD_SECONDS (120),
 * BENCH_LOAD_FOLLOWERS (20), BENCH_LOAD_FOLLOWER_USERS (5),
 * BENCH_LOAD_SETTLE_SECONDS (60), BENCH_CONTAINERS (1000).
 */
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { summarize } from './common';
import { COMPONENTS, componentName } from './portalCatalog';
import {
  BASE,
  COUNTER,
  createContainers,
  engineCalls,
  guestToken,
  portal,
  removeContainers,
  RUN_ID,
  RUN_LABEL,
  signIn,
  signInPeople,
  sleep,
  SOCKET,
  timed,
} from './portalClient';

const setting = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const USERS = setting('BENCH_LOAD_USERS', 200);
const SECONDS = setting('BENCH_LOAD_SECONDS', 120);
const FOLLOWERS = setting('BENCH_LOAD_FOLLOWERS', 20);
const FOLLOWER_USERS = setting('BENCH_LOAD_FOLLOWER_USERS', 5);
const SETTLE_SECONDS = setting('BENCH_LOAD_SETTLE_SECONDS', 60);
const SIZE = setting('BENCH_CONTAINERS', 1000);
const DEMO = process.env.BENCH_LOAD_DEMO === '1';
/** Running containers that log, for the followers (own backend). */
const LOGGERS = 4;

const listPath = (u: number) =>
  `/api/docker-services/entities/component/default/${
    DEMO ? 'shop-web' : componentName(u % COMPONENTS)
  }/containers`;

/** The pid listening on the portal's port, from `ss`. */
function listenerPid(): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${BASE.port}`], {
    encoding: 'utf8',
  });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`Nothing listens on port ${BASE.port}`);
  return Number(pid);
}

/** The process's resident memory; NaN once it is gone (a restarted demo). */
function rssMiB(pid: number): number {
  if (!fs.existsSync(`/proc/${pid}/status`)) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** A token's user and expiry: tokens that share both share cache entries. */
function callerOf(token: string) {
  const { sub, exp } = JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString(),
  );
  return `${sub} ${exp}`;
}

interface Follower {
  bytes: number;
  failed?: string;
  stop(): void;
}

/** Follows one container's log until stopped; records a failure or early end. */
function follow(path: string, token: string): Follower {
  const follower: Follower = { bytes: 0, stop: () => undefined };
  let stopped = false;
  const req = http.get({ ...portal(path, token), agent: false }, res => {
    if (res.statusCode !== 200) follower.failed = `status ${res.statusCode}`;
    res.on('data', (c: Buffer) => {
      follower.bytes += c.length;
    });
    res.on('end', () => {
      if (!stopped) follower.failed ??= 'ended early';
    });
    res.on('error', () => undefined);
  });
  req.on('error', error => {
    if (!stopped) follower.failed ??= String(error);
  });
  follower.stop = () => {
    stopped = true;
    req.destroy();
  };
  return follower;
}

/** The log addresses of the follow entity's running containers. */
async function followTargets(token: string): Promise<string[]> {
  const entityPath = DEMO
    ? '/api/docker-services/entities/component/default/shop-web'
    : `/api/docker-services/entities/component/default/${componentName(0)}`;
  const { body } = await timed(portal(`${entityPath}/containers`, token));
  const running = (body.hosts ?? []).flatMap((h: any) =>
    (h.containers ?? [])
      .filter((c: any) => c.state === 'running')
      .map(
        (c: any) =>
          `${entityPath}/containers/${c.host}/${c.id}/logs?follow=true&tail=10`,
      ),
  );
  if (running.length === 0) throw new Error('No running container to follow');
  return running;
}

async function startLoggers(docker: Docker) {
  for (let i = 0; i < LOGGERS; i++) {
    const container = await docker.createContainer({
      name: `${RUN_ID}-logger-${i}`,
      Image: 'docker-services-demo/busybox:latest',
      Cmd: ['sh', '-c', 'while true; do echo "line $(date)"; sleep 1; done'],
      StopSignal: 'SIGKILL',
      Labels: {
        [RUN_LABEL]: RUN_ID,
        'docker-services.entity': `component:default/${componentName(0)}`,
        'com.docker.compose.project': RUN_ID,
        'com.docker.compose.service': 'svc-00',
      },
    });
    await container.start();
  }
}

/** One person reloading their tab once a second until `endAt`. */
async function person(
  u: number,
  token: string,
  endAt: number,
  record: (ms: number, ok: boolean) => void,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let next = performance.now() + Math.random() * 1000;
  while (next < endAt) {
    await sleep(Math.max(0, next - performance.now()));
    try {
      const a = await timed({ ...portal(listPath(u), token), agent });
      record(a.ms, a.status === 200);
    } catch {
      record(NaN, false);
    }
    // Once a second; a late answer delays the next reload, never bunches them.
    next = Math.max(next + 1000, performance.now());
  }
  agent.destroy();
}

async function main() {
  const docker = SOCKET ? new Docker({ socketPath: SOCKET }) : undefined;
  try {
    if (docker) {
      await createContainers(docker, 0, SIZE);
      await startLoggers(docker);
      console.log(`Created ${SIZE} containers and ${LOGGERS} that log`);
    }
    const first = DEMO ? await guestToken() : await signIn();
    const pid = listenerPid();
    // Idle: one person, back to back, after the index caught up.
    await sleep(DEMO ? 0 : 5_000);
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) {
      const a = await timed(portal(listPath(i), first));
      if (a.status !== 200) throw new Error(`Idle list answered ${a.status}`);
      if (i >= 10) idle.push(a.ms);
    }
    const tokens = DEMO ? [first] : await signInPeople(USERS);
    while (tokens.length < USERS) tokens.push(await guestToken());
    const callers = new Set(tokens.map(callerOf)).size;

    const targets = await followTargets(first);
    const followerTokens = tokens.slice(0, FOLLOWER_USERS);
    const followers = Array.from({ length: FOLLOWERS }, (_, f) =>
      follow(targets[f % targets.length], followerTokens[f % FOLLOWER_USERS]),
    );
    await sleep(2_000);

    const rssStart = rssMiB(pid);
    const callsBefore = COUNTER ? await engineCalls() : undefined;
    const load: number[] = [];
    let ok = 0;
    let errors = 0;
    let rssPeak = rssStart;
    const startedAt = performance.now();
    const endAt = startedAt + SECONDS * 1000;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMiB(pid));
    }, 1000);
    await Promise.all(
      tokens.map((token, u) =>
        person(u, token, endAt, (ms, good) => {
          if (good) {
            ok += 1;
            load.push(ms);
          } else errors += 1;
        }),
      ),
    );
    const tookSeconds = (performance.now() - startedAt) / 1000;
    clearInterval(sampler);
    const callsAfter = COUNTER ? await engineCalls() : undefined;
    followers.forEach(f => f.stop());
    const followerFailures = followers.filter(f => f.failed);
    const followedBytes = followers.reduce((n, f) => n + f.bytes, 0);
    const rssEnd = rssMiB(pid);
    await sleep(SETTLE_SECONDS * 1000);
    const rssAfter = rssMiB(pid);
    const samePid = fs.existsSync(`/proc/${pid}`) && listenerPid() === pid;

    const p = summarize(load);
    const i = summarize(idle);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const mib = (n: number) => `${n.toFixed(0)} MiB`;
    console.log(`
Load through ${DEMO ? 'the running portal' : "the portal's own backend"} at ${
      BASE.origin
    } (pid ${pid}${
      samePid ? ', the same at the end' : ', CHANGED during the run'
    }):
${USERS} people each reloading ${
      DEMO ? "shop-web's" : 'one of 50 components’'
    } list once a second for ${SECONDS} s (${callers} distinct callers, user
and token expiry, among their ${USERS} tokens${
      DEMO ? ', all the guest user' : ', each a different catalog user'
    }), and ${FOLLOWERS} live log followers from ${FOLLOWER_USERS} of them.

| | |
|---|---|
| list requests offered / served per second | ${USERS} / ${(
      ok / tookSeconds
    ).toFixed(1)} |
| errors (list requests; log followers) | ${errors}; ${
      followerFailures.length
    }${
      followerFailures.length
        ? ` (${followerFailures.map(f => f.failed).join(', ')})`
        : ''
    } |
| list p50 / p95 under load | ${ms(p.p50)} / ${ms(p.p95)} |
| list p50 / p95 idle (one person) | ${ms(i.p50)} / ${ms(i.p95)} |
| p95 under load / idle p95 | ${(p.p95 / i.p95).toFixed(2)}× |
| backend RSS at start / peak / at the end / ${SETTLE_SECONDS} s after | ${mib(
      rssStart,
    )} / ${mib(rssPeak)} / ${mib(rssEnd)} / ${mib(rssAfter)} (${(
      (rssAfter / rssStart - 1) *
      100
    ).toFixed(0)}% over the start) |
| Docker calls from list requests | ${
      callsBefore && callsAfter
        ? `${
            callsAfter.entityList - callsBefore.entityList
          } entity lists (in the same window, not from lists: the index's own lists ${
            callsAfter.indexList - callsBefore.indexList
          } and inspects ${
            callsAfter.inspect - callsBefore.inspect
          }, as its reconciles look again at running containers; pings ${
            callsAfter.ping - callsBefore.ping
          })`
        : 'not counted (a portal the bench did not start talks to its engine directly)'
    } |
| log bytes followed | ${followedBytes.toLocaleString('en')} |

Load average (1/5/15 min) at the end ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join('/')} on ${os.cpus().length} CPUs.`);
  } finally {
    if (docker) {
      const removed = await removeContainers(docker);
      console.log(
        `Removed ${removed} containers (label ${RUN_LABEL}=${RUN_ID})`,
      );
    }
  }
}

main()
  .then(() => process.exit(0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
