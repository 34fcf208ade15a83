import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from './dockerFixtures';
import { RecordingProxy, startRecordingProxy } from './recordingProxy';
import {
  component,
  startPluginBackend,
  testDatabaseConfig,
} from './testBackend';

const run = promisify(execFile);

const SCRIPT = [
  'echo "out one"',
  'echo "err one" >&2',
  'echo "héllo wörld ✓ 日本語 🚀"',
  'i=0; while [ $i -lt 40 ]; do echo "line $i"; [ $((i % 7)) -eq 0 ] && echo "warn $i" >&2; i=$((i+1)); done',
  "printf '<script>alert(1)</script> \\033[31mred\\033[0m\\n'",
  'sleep 600',
].join('; ');

export const logsUrl = (c: Docker.Container, query = '', host = 'local') =>
  `/api/docker-services/entities/component/default/logs/containers/${host}/${c.id}/logs${query}`;

/** What a terminal would do with it: clipboard write, screen clear, cursor home, overwrite, colours. */
const TERMINAL_TRICKS = [
  "printf 'copy \\033]52;c;Y3VybCBldmlsIHwgc2g=\\007me\\n'",
  "printf '\\033[2J\\033[Hcleared screen\\n'",
  "printf 'progress 10%%\\rprogress 100%%\\n'",
  "printf '\\033[1;31mred alert\\033[0m and \\033[38;5;208morange\\033[m\\n'",
  'echo "terminal done"',
  'sleep 600',
].join('; ');

/** Lines of about 100 bytes, 160 000 of them: more than socket buffers hold. */
const FLOOD =
  'i=0; while [ $i -lt 16 ]; do yes "flood: a line long enough to fill buffers quickly, 0123456789 abcdefghij $i" | head -n 10000; i=$((i+1)); done; echo "flood done"; sleep 600';

function labels(runId: string, n: string) {
  return {
    'com.docker.compose.project': runId,
    'com.docker.compose.service': 'logs',
    'docker-services.entity': 'component:default/logs',
    n,
  };
}

export async function waitForLog(c: Docker.Container, text: string) {
  for (let i = 0; i < 300; i++) {
    // Each fixture's awaited text is among its last lines.
    const { stdout, stderr } = await dockerLogs(c, ['--tail', '20']);
    if (stdout.includes(text) || stderr.includes(text)) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`container never logged ${text}`);
}

export async function dockerLogs(c: Docker.Container, args: string[]) {
  return run('docker', ['logs', ...args, c.id], {
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
}

export function parseNdjson(text: string) {
  return text
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l));
}

export const lines = (events: any[], stream: string, withTime = false) =>
  events
    .filter(e => e.stream === stream)
    .map(e => (withTime ? `${e.time} ${e.line}` : e.line));

export const split = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l, i, a) => i < a.length - 1 || l);

/** The log limits of the logs suites' backend. */
export const WORLD_LOG_LIMITS = {
  heartbeatSeconds: 1,
  maxTail: 200_000,
  maxStreamsPerHost: 8,
  maxStreamsPerUser: 4,
  maxFollowersPerHost: 3,
  maxFollowersPerUser: 2,
  stalledFollowSeconds: 8,
};

/**
 * The fixture of the logs suites: a backend (1 s heartbeat, the limits
 * above) behind a recording proxy, and containers writing known logs: mixed
 * (stdout, stderr, multi-byte, HTML, colours), tty (the same with a TTY), big
 * (one 10 MiB line), ticker (a line every 0.5 s), stopper (silent, for
 * stopping), terminal (escape sequences a terminal would obey), flood
 * (160 000 lines), quiet (silent, left running).
 */
export interface LogsWorld {
  runId: string;
  proxy: RecordingProxy;
  server: http.Server;
  mixed: Docker.Container;
  tty: Docker.Container;
  big: Docker.Container;
  ticker: Docker.Container;
  stopper: Docker.Container;
  terminal: Docker.Container;
  flood: Docker.Container;
  quiet: Docker.Container;
}

export function useLogsWorld(prefix: string): LogsWorld {
  const runId = uniqueRunId(prefix);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
  const world = { runId } as LogsWorld;

  beforeAll(async () => {
    world.proxy = await startRecordingProxy();
    ({ server: world.server } = await startPluginBackend({
      entities: [
        component('logs', { 'docker-services/compose': `${runId}/logs` }),
      ],
      config: {
        backend: { database: testDatabaseConfig(runId, sqliteDir) },
        permission: { enabled: true },
        dockerServices: {
          hosts: [{ name: 'local', url: world.proxy.url }],
          logs: WORLD_LOG_LIMITS,
        },
      },
    }));
    [
      world.mixed,
      world.tty,
      world.big,
      world.ticker,
      world.stopper,
      world.terminal,
      world.flood,
      world.quiet,
    ] = await Promise.all([
      createTestContainer({
        runId,
        name: 'mixed',
        labels: labels(runId, '1'),
        cmd: ['sh', '-c', SCRIPT],
      }),
      createTestContainer({
        runId,
        name: 'tty',
        labels: labels(runId, '2'),
        tty: true,
        cmd: ['sh', '-c', SCRIPT],
      }),
      createTestContainer({
        runId,
        name: 'big',
        labels: labels(runId, '3'),
        cmd: [
          'sh',
          '-c',
          "head -c 10485760 /dev/zero | tr '\\0' x; echo; echo after; sleep 600",
        ],
      }),
      createTestContainer({
        runId,
        name: 'ticker',
        labels: labels(runId, '4'),
        cmd: [
          'sh',
          '-c',
          'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.5; done',
        ],
      }),
      createTestContainer({
        runId,
        name: 'stopper',
        labels: labels(runId, '5'),
        stopSignal: 'SIGKILL',
      }),
      createTestContainer({
        runId,
        name: 'terminal',
        labels: labels(runId, '6'),
        cmd: ['sh', '-c', TERMINAL_TRICKS],
      }),
      createTestContainer({
        runId,
        name: 'flood',
        labels: labels(runId, '7'),
        cmd: ['sh', '-c', FLOOD],
      }),
      createTestContainer({ runId, name: 'quiet', labels: labels(runId, '8') }),
    ]);
    await Promise.all([
      waitForLog(world.mixed, 'red'),
      waitForLog(world.tty, 'red'),
      waitForLog(world.big, 'after'),
      waitForLog(world.terminal, 'terminal done'),
      waitForLog(world.flood, 'flood done'),
    ]);
  }, 60_000);

  afterAll(async () => {
    await removeTestContainers(runId);
    await world.proxy.close();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  });

  return world;
}
