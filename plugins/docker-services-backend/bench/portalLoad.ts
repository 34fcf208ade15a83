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
import { follow, followTargets, startLoggers } from './portalFollowers';
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
const REVALIDATE = process.env.BENCH_LOAD_REVALIDATE !== '0';
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

/**
 * What a browser sends when a tab reloads a list it has seen: it accepts
 * compressed answers, and revalidates what its HTTP cache holds (the list
 * route answers `Cache-Control: private, no-cache` with an ETag). With
 * BENCH_LOAD_REVALIDATE=0, no If-None-Match: every answer is a whole list.
 */
function browserHeaders(token: string, held?: string) {
  return {
    Authorization: `Bearer ${token}`,
    'Accept-Encoding': 'gzip, deflate, br',
    ...(held && REVALIDATE && { 'If-None-Match': held }),
  };
}

/** A list request as the browser makes it; 200 or 304 is an answer. */
async function browserList(path: string, token: string, held: Held) {
  const a = await timed({
    ...portal(path, token),
    agent: held.agent,
    headers: browserHeaders(token, held.etag),
  });
  if (a.status === 200) held.etag = a.etag;
  if (a.status === 304) held.notModified += 1;
  return { ms: a.ms, ok: a.status === 200 || a.status === 304 };
}

interface Held {
  agent?: http.Agent;
  etag?: string;
  notModified: number;
}

/** One person reloading their tab once a second until `endAt`. */
async function person(
  u: number,
  token: string,
  endAt: number,
  record: (ms: number, ok: boolean) => void,
  held: Held,
) {
  held.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let next = performance.now() + Math.random() * 1000;
  while (next < endAt) {
    await sleep(Math.max(0, next - performance.now()));
    try {
      const a = await browserList(listPath(u), token, held);
      record(a.ms, a.ok);
    } catch {
      record(NaN, false);
    }
    // Once a second; a late answer delays the next reload, never bunches them.
    next = Math.max(next + 1000, performance.now());
  }
  held.agent.destroy();
}

async function main() {
  const docker = SOCKET ? new Docker({ socketPath: SOCKET }) : undefined;
  try {
    if (docker) {
      await createContainers(docker, 0, SIZE);
      await startLoggers(docker, LOGGERS);
      console.log(`Created ${SIZE} containers and ${LOGGERS} that log`);
    }
    const first = DEMO ? await guestToken() : await signIn();
    const pid = listenerPid();
    // Idle: one person, back to back, after the index caught up.
    await sleep(DEMO ? 0 : 5_000);
    // Each entity's list once to warm up, then 100 reloads as a browser
    // makes them (each revalidating its entity's copy, as under load).
    const idle: number[] = [];
    const idleHeld = new Map<string, Held>();
    for (let i = 0; i < COMPONENTS + 100; i++) {
      const path = listPath(i);
      if (!idleHeld.has(path)) idleHeld.set(path, { notModified: 0 });
      const a = await browserList(path, first, idleHeld.get(path)!);
      if (!a.ok) throw new Error('The idle list was not answered');
      if (i >= COMPONENTS) idle.push(a.ms);
    }
    const tokens = DEMO ? [first] : await signInPeople(USERS);
    while (tokens.length < USERS) tokens.push(await guestToken());
    const callers = new Set(tokens.map(callerOf)).size;

    const targets = await followTargets(first, DEMO);
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
    const held = tokens.map((): Held => ({ notModified: 0 }));
    await Promise.all(
      tokens.map((token, u) =>
        person(
          u,
          token,
          endAt,
          (ms, good) => {
            if (good) {
              ok += 1;
              load.push(ms);
            } else errors += 1;
          },
          held[u],
        ),
      ),
    );
    const notModified = held.reduce((n, h) => n + h.notModified, 0);
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
| answers 304, the browser's copy still true | ${notModified} of ${ok}${
      REVALIDATE ? '' : ' (BENCH_LOAD_REVALIDATE=0: no If-None-Match sent)'
    } |
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
