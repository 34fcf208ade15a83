import Docker from 'dockerode';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createTestContainer,
  uniqueRunId,
} from '../__testUtils__/dockerFixtures';
import { OwnEngine, startOwnEngine } from '../__testUtils__/ownEngine';
import {
  asUser,
  component,
  OTHER,
  startPluginBackend,
  testDatabaseConfig,
} from '../__testUtils__/testBackend';

// Log streams whose engine fails for real: its dockerd frozen (SIGSTOP) or
// killed (SIGKILL). The engine is this suite's own, so nothing else is
// disturbed. The plugin talks to its socket directly, as in production.

const runId = uniqueRunId('follow-faults');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const STALLED_SECONDS = 8;

let engine: OwnEngine;
let server: http.Server;
let ticker: Docker.Container;
let flood: Docker.Container;

type Follow = {
  events: any[];
  ended: Promise<void>;
  /** Set when the follow failed outright (not 200, connection error). */
  failure?: Error;
  req: http.ClientRequest;
};

function follow(
  container: Docker.Container,
  query = '?tail=0&follow=true',
  onResponse?: (res: http.IncomingMessage) => void,
): Follow {
  const events: any[] = [];
  const { port } = server.address() as AddressInfo;
  const req = http.get({
    host: '127.0.0.1',
    port,
    path: `/api/docker-services/entities/component/default/faults/containers/own/${container.id}/logs${query}`,
    headers: asUser(OTHER),
  });
  const ended = new Promise<void>((resolve, reject) => {
    req.on('response', res => {
      if (res.statusCode !== 200) {
        reject(new Error(`the follow answered ${res.statusCode}`));
        return;
      }
      onResponse?.(res);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        events.push(...parts.map(p => JSON.parse(p)));
      });
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const watched: Follow = { events, ended, req };
  ended.catch(error => (watched.failure = error));
  return watched;
}

async function until(condition: () => boolean, what: string, watched?: Follow) {
  for (let i = 0; !condition(); i++) {
    if (watched?.failure) throw watched.failure;
    if (i > 600) throw new Error(`never happened: ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

const lines = (events: any[]) => events.filter(e => e.stream);
const controls = (events: any[]) =>
  events.filter(e => !e.stream && e.event !== 'heartbeat');

beforeAll(async () => {
  engine = await startOwnEngine({
    bridge: 'dsvclogs',
    bridgeAddress: '172.31.247.1/24',
  });
  ticker = await createTestContainer({
    engine: engine.docker,
    runId,
    name: 'ticker',
    labels: {
      'com.docker.compose.project': runId,
      'com.docker.compose.service': 'faults',
      'docker-services.entity': 'component:default/faults',
    },
    cmd: [
      'sh',
      '-c',
      'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.5; done',
    ],
  });
  flood = await createTestContainer({
    engine: engine.docker,
    runId,
    name: 'flood',
    labels: {
      'com.docker.compose.project': runId,
      'com.docker.compose.service': 'faults',
      'docker-services.entity': 'component:default/faults',
    },
    cmd: [
      'sh',
      '-c',
      'yes "flood: a line long enough to fill buffers quickly, 0123456789" | head -n 160000; echo "flood done"; sleep 600',
    ],
  });
  for (let i = 0; ; i++) {
    const tail = await flood.logs({ stdout: true, tail: 1 });
    if (tail.toString().includes('flood done')) break;
    if (i > 300) throw new Error('the flood container never finished writing');
    await new Promise(r => setTimeout(r, 100));
  }
  ({ server } = await startPluginBackend({
    entities: [
      component('faults', { 'docker-services/compose': `${runId}/faults` }),
    ],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'own', socketPath: engine.socketPath }],
        requestTimeoutMs: 2000,
        logs: {
          heartbeatSeconds: 1,
          maxTail: 200_000,
          stalledFollowSeconds: STALLED_SECONDS,
        },
      },
    },
  }));
}, 180_000);

afterAll(async () => {
  await engine?.dispose();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

jest.setTimeout(120_000);

describe('log streams while the engine fails', () => {
  it('a frozen engine: heartbeats go on, the reader is told, and the follow ends at the deadline', async () => {
    const watched = follow(ticker);
    try {
      await until(
        () => lines(watched.events).length > 0,
        'a first line',
        watched,
      );
      engine.stop();
      const frozenAt = watched.events.length;
      await watched.ended;
      const after = watched.events.slice(frozenAt);
      expect(
        after.filter(e => e.event === 'heartbeat').length,
      ).toBeGreaterThanOrEqual(2);
      expect(controls(after)).toEqual([
        {
          event: 'notice',
          message: `Docker on host own stopped answering. New lines will show if it recovers; the log stops after ${STALLED_SECONDS} seconds without an answer.`,
        },
        {
          event: 'error',
          message: `Docker on host own did not answer for ${STALLED_SECONDS} seconds, so the log stops here. Reload to try again.`,
        },
        { event: 'end', message: 'The log may be incomplete.' },
      ]);
    } finally {
      engine.cont();
      watched.req.destroy();
    }
  });

  it('a read held back by a slow reader, then a frozen engine: the read ends at the deadline with a sentence', async () => {
    let response: http.IncomingMessage | undefined;
    // The reader takes the first lines, then nothing for a while, so the
    // read stops midway with Docker's answer open.
    const read = follow(flood, '?tail=200000', res => {
      res.once('data', () => {
        res.pause();
        response = res;
      });
    });
    try {
      await until(() => response !== undefined, 'the first lines', read);
      engine.stop();
      response!.resume();
      await read.ended;
      expect(lines(read.events).length).toBeGreaterThan(0);
      expect(lines(read.events).length).toBeLessThan(160_000);
      expect(controls(read.events)).toEqual([
        {
          event: 'notice',
          message: `Docker on host own stopped answering. New lines will show if it recovers; the log stops after ${STALLED_SECONDS} seconds without an answer.`,
        },
        {
          event: 'error',
          message: `Docker on host own did not answer for ${STALLED_SECONDS} seconds, so the log stops here. Reload to try again.`,
        },
        { event: 'end', message: 'The log may be incomplete.' },
      ]);
    } finally {
      engine.cont();
      read.req.destroy();
    }
  });

  it('a killed engine: the follow says the connection was lost and ends at once, not at the deadline', async () => {
    // The engine answers again after the previous test.
    await until(() => engine.alive(), 'the engine alive');
    const watched = follow(ticker);
    try {
      await until(
        () => lines(watched.events).length > 0,
        'a first line',
        watched,
      );
      await engine.kill();
      await watched.ended;
      // Ended by the broken connection: no "stopped answering" notice came first.
      expect(controls(watched.events)).toEqual([
        {
          event: 'error',
          message: 'The connection to Docker was lost while reading the log.',
        },
        { event: 'end', message: 'The log may be incomplete.' },
      ]);
    } finally {
      watched.req.destroy();
    }
  });
});
