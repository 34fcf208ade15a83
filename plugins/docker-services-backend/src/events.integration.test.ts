import { createServiceFactory } from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from './__testUtils__/dockerFixtures';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from './__testUtils__/recordingProxy';
import {
  component,
  startPluginBackend,
  testDatabaseConfig,
} from './__testUtils__/testBackend';

// Docker events from the real engine reach open pages as signals.
const runId = uniqueRunId('events');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
let proxy: RecordingProxy;

afterAll(async () => {
  await removeTestContainers(runId);
  await proxy?.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
});

it('signals a container change reported by Docker, and only which container changed', async () => {
  proxy = await startRecordingProxy();
  const published: any[] = [];
  const backend = await startPluginBackend({
    entities: [
      component('watched', { 'docker-services/compose': `${runId}/watched` }),
    ],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      dockerServices: { hosts: [{ name: 'local', url: proxy.url }] },
    },
    extraFeatures: [
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: any) => void published.push(signal),
        }),
      }),
    ],
  });
  // The watcher connects at start-up.
  for (
    let i = 0;
    i < 50 && !proxy.openRequests().includes('GET /events');
    i++
  ) {
    await new Promise(r => setTimeout(r, 100));
  }
  expect(proxy.openRequests()).toContain('GET /events');

  const container = await createTestContainer({
    runId,
    name: 'watched',
    stopSignal: 'SIGKILL',
  });
  await container.stop();

  const channel = `docker-services:container:local:${container.id}`;
  for (
    let i = 0;
    i < 50 &&
    !published.some(p => p.message.change === 'state' && p.channel === channel);
    i++
  ) {
    await new Promise(r => setTimeout(r, 100));
  }
  const forContainer = published.filter(p => p.channel === channel);
  expect(forContainer).toEqual(
    expect.arrayContaining([
      {
        recipients: { type: 'broadcast' },
        channel,
        message: { host: 'local', id: container.id, change: 'created' },
      },
      {
        recipients: { type: 'broadcast' },
        channel,
        message: { host: 'local', id: container.id, change: 'state' },
      },
    ]),
  );
  await backend.stop();
  expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
});
