import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import Docker from 'dockerode';
import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { dockerServicesPlugin } from './plugin';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from './__testUtils__/dockerFixtures';
import { parseNdjson, waitForLog } from './__testUtils__/logsWorld';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from './__testUtils__/recordingProxy';
import {
  asUser,
  component,
  OTHER,
  OWNER,
  TEST_REQUEST_TIMEOUT_MS,
} from './__testUtils__/testBackend';
import { timeKey } from './logs/LogMerger';

// Integration: the merged log of an entity's three containers, against the
// real engine, compared line for line with each container's own log (read
// through dockerode, with Docker's timestamps) interleaved by time.
const runId = uniqueRunId('merged');
const project = runId.replace(/[^a-z0-9-]/g, '');
const MERGED = '/api/docker-services/entities/component/default/replicas/logs';

/** Numbered lines on both streams with its own rhythm, then silence. */
const writer = (name: string, pause: string) =>
  `i=0; while [ $i -lt 12 ]; do echo "${name} out $i"; [ $((i % 3)) -eq 0 ] && echo "${name} err $i" >&2; sleep ${pause}; i=$((i+1)); done; echo "${name} done"; sleep 600`;

let proxy: RecordingProxy;
let server: Server;
let stopBackend: () => Promise<void>;
const containers: Record<string, Docker.Container> = {};

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const labels = {
    'com.docker.compose.project': project,
    'com.docker.compose.service': 'replicas',
    'docker-services.entity': 'component:default/replicas',
  };
  for (const [name, pause] of [
    ['a', '0.05'],
    ['b', '0.07'],
    ['c', '0.11'],
  ]) {
    containers[name] = await createTestContainer({
      runId,
      name,
      labels,
      stopSignal: 'SIGKILL',
      cmd: ['sh', '-c', writer(name, pause)],
    });
  }
  const backend = await startTestBackend({
    features: [
      dockerServicesPlugin,
      catalogServiceMock.factory({
        entities: [
          component('replicas', {
            'docker-services/compose': `${project}/replicas`,
          }),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          dockerServices: {
            hosts: [{ name: 'local', url: proxy.url }],
            requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
            logs: { heartbeatSeconds: 1 },
          },
        },
      }),
      // OTHER sees the entity, but not its logs.
      mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(r => ({
            result:
              (options?.credentials.principal as any)?.userEntityRef ===
                OTHER && r.permission.name === 'docker-services.container.logs'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      }).factory,
    ],
  });
  server = backend.server;
  stopBackend = () => backend.stop();
  await Promise.all(
    Object.entries(containers).map(([name, c]) =>
      waitForLog(c, `${name} done`),
    ),
  );
}, 120_000);

afterAll(async () => {
  await stopBackend?.();
  await removeTestContainers(runId);
  await proxy?.close();
}, 60_000);

/** A container's own log through dockerode: `time stream text`, in its order. */
async function ownLog(c: Docker.Container, tail?: number): Promise<string[]> {
  const buffer = (await c.logs({
    stdout: true,
    stderr: true,
    timestamps: true,
    follow: false,
    tail,
  })) as unknown as Buffer;
  const out: string[] = [];
  for (let at = 0; at + 8 <= buffer.length; ) {
    const size = buffer.readUInt32BE(at + 4);
    const text = buffer.subarray(at + 8, at + 8 + size).toString('utf8');
    const stream = buffer[at] === 2 ? 'stderr' : 'stdout';
    for (const line of text.split('\n').filter(Boolean)) {
      const space = line.indexOf(' ');
      out.push(`${line.slice(0, space)} ${stream} ${line.slice(space + 1)}`);
    }
    at += 8 + size;
  }
  return out;
}

/** The containers' own logs, interleaved by Docker's time, each line named. */
async function interleaved(tail?: number): Promise<string[]> {
  const all: { key: [number, number]; text: string }[] = [];
  for (const [name, c] of Object.entries(containers)) {
    for (const entry of await ownLog(c, tail)) {
      const [time, stream, ...rest] = entry.split(' ');
      all.push({
        key: timeKey({ stream: 'stdout', time, line: '' }),
        text: `${time} ${name} ${stream} ${rest.join(' ')}`,
      });
    }
  }
  return all
    .sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1])
    .map(e => e.text);
}

const asText = (events: any[]) =>
  events
    .filter(e => 'line' in e)
    .map(
      e =>
        `${e.time} ${e.container.name.replace(`${runId}-`, '')} ${e.stream} ${
          e.line
        }`,
    );

describe('GET /entities/:ref/logs (merged) on the real engine', () => {
  it('equals the containers’ own logs interleaved by Docker’s timestamps, line for line', async () => {
    const res = await request(server)
      .get(`${MERGED}?tail=all`)
      .set(asUser(OWNER));
    expect(res.status).toBe(200);
    const events = parseNdjson(res.text);
    const expected = await interleaved();
    expect(expected).toHaveLength(3 * (12 + 4 + 1));
    expect(asText(events)).toEqual(expected);
    expect(events.filter((e: any) => 'line' in e)[0].container.host).toBe(
      'local',
    );
    expect(events[events.length - 1]).toEqual({
      event: 'end',
      message: 'End of the log.',
    });
  });

  it('applies the tail to each container', async () => {
    const res = await request(server)
      .get(`${MERGED}?tail=4&host=local`)
      .set(asUser(OWNER));
    expect(asText(parseNdjson(res.text))).toEqual(await interleaved(4));
  });

  it('downloads the merged lines as text, each prefixed by its container', async () => {
    const res = await request(server)
      .get(`${MERGED}?tail=2&format=text`)
      .set(asUser(OWNER));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="replicas_all-containers-\d{8}T\d{6}Z\.log"$/,
    );
    expect(res.text.split('\n').filter(Boolean).sort()).toEqual(
      ['a', 'b', 'c']
        .flatMap(n => [
          `${runId}-${n} | ${n} out 11`,
          `${runId}-${n} | ${n} done`,
        ])
        .sort(),
    );
  });

  it('is refused to a user who may not read the logs, and for an unknown entity or host', async () => {
    const denied = await request(server).get(MERGED).set(asUser(OTHER));
    expect(denied.status).toBe(403);
    const unknown = await request(server)
      .get(MERGED.replace('replicas', 'nobody'))
      .set(asUser(OWNER));
    expect(unknown.status).toBe(404);
    const noHost = await request(server)
      .get(`${MERGED}?host=elsewhere`)
      .set(asUser(OWNER));
    expect(noHost.status).toBe(404);
    expect(noHost.body.error.message).toBe(
      'The entity has no containers on host elsewhere.',
    );
    const badTail = await request(server)
      .get(`${MERGED}?tail=many`)
      .set(asUser(OWNER));
    expect(badTail.status).toBe(400);
  });

  it('follows all the containers, and says when one of them stops', async () => {
    const address = server.address() as AddressInfo;
    const events: any[] = [];
    const waiters: { test: () => boolean; resolve: () => void }[] = [];
    const until = (test: () => boolean) =>
      new Promise<void>(resolve => {
        waiters.push({ test, resolve });
        if (test()) resolve();
      });
    let buffered = '';
    const req = http.get({
      host: '127.0.0.1',
      port: address.port,
      path: `${MERGED}?tail=1&follow=true`,
      headers: asUser(OWNER),
    });
    req.on('response', res => {
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffered += chunk;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        events.push(...parts.filter(Boolean).map(p => JSON.parse(p)));
        waiters.forEach(w => w.test() && w.resolve());
      });
    });
    // The last line of each, in time order, though all three are quiet.
    await until(() => asText(events).length >= 3);
    expect(asText(events)).toEqual(await interleaved(1));
    await containers.b.stop();
    await until(() =>
      events.some(e => e.event === 'notice' && /stopped/.test(e.message)),
    );
    req.destroy();
    expect(events).toContainEqual({
      event: 'notice',
      message: `${runId}-b stopped; its log ends here.`,
    });
  }, 60_000);

  it('kept to the Engine API allow-list', () => {
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
