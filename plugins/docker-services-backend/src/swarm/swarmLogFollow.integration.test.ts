import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { uniqueRunId } from '../__testUtils__/dockerFixtures';
import { waitFor } from '../__testUtils__/eventually';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import { sharedSwarm } from '../__testUtils__/swarmWorld';
import {
  asUser,
  component,
  OTHER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// A followed service log on the real two-node Swarm shared by the suites
// (scripts/swarm-nodes) lasts as long as the service is the entity's:
// labels change without the service ending (`docker service update
// --label-add`), and Docker would go on streaming.
const swarm = sharedSwarm();
const runId = uniqueRunId('swarmfollow');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
let proxy: RecordingProxy;
let serviceId: string;

beforeAll(async () => {
  proxy = await startRecordingProxy(swarm.socketPath);
  serviceId = await swarm.createService({
    runId,
    name: 'ticker',
    entityRef: 'component:default/shop',
    labels: { app: runId },
    cmd: [
      'sh',
      '-c',
      'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done',
    ],
  });
  await swarm.waitForRunning(serviceId, 1);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await swarm.cleanup(runId);
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

/** Re-labels the service as `docker service update --label-add` does. */
async function bindTo(entityRef: string) {
  const service = swarm.manager.getService(serviceId);
  const { Spec, Version } = await service.inspect();
  await service.update({
    version: Version.Index,
    ...Spec,
    Labels: { ...Spec.Labels, 'docker-services.entity': entityRef },
  });
}

describe('GET …/services/:host/:id/logs?follow=true', () => {
  it('ends once the service is bound to another entity, while it still writes', async () => {
    const { server } = await startPluginBackend({
      entities: [
        component('shop', { 'docker-services/label-selector': `app=${runId}` }),
        component('other', {
          'docker-services/label-selector': `app=${runId}`,
        }),
      ],
      config: {
        backend: { database: testDatabaseConfig(runId, sqliteDir) },
        permission: { enabled: true },
        dockerServices: {
          hosts: [{ name: 'swarm', url: proxy.url }],
          requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        },
      },
    });
    const events: any[] = [];
    let ended = false;
    const req = http.get({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      path: `/api/docker-services/entities/component/default/shop/services/swarm/${serviceId}/logs?follow=true&tail=1`,
      headers: asUser(OTHER),
    });
    req.on('response', res => {
      expect(res.statusCode).toBe(200);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        events.push(...parts.map(p => JSON.parse(p)));
      });
      res.on('end', () => (ended = true));
    });
    try {
      const lines = () => events.filter(e => 'line' in e);
      expect(await waitFor(() => lines().length >= 3, 30_000)).toBe(true);
      expect(lines()[0].line).toMatch(/^tick \d+$/);

      await bindTo('component:default/other');
      const boundAt = Date.now();
      expect(await waitFor(() => ended, 30_000)).toBe(true);
      // eslint-disable-next-line no-console
      console.log(
        `The follow ended ${
          Date.now() - boundAt
        } ms after the service was re-labelled`,
      );
      expect(events[events.length - 1]).toMatchObject({
        event: 'end',
        message: expect.stringMatching(
          /is no longer a service of component:default\/.* \(its labels changed\), so its log ends here\.$/,
        ),
      });
      // The service itself goes on: only the portal's follow ended.
      expect(await swarm.runningPerNode(serviceId)).not.toEqual({});
      expect(
        await waitFor(
          () => !proxy.openRequests().some(r => r.endsWith('/logs')),
          5_000,
        ),
      ).toBe(true);
    } finally {
      req.destroy();
    }
  });

  it('kept to the Engine API allow-list', () => {
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
