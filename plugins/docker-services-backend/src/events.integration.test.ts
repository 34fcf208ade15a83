import { SignalPayload } from '@backstage/plugin-signals-node';
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
import { recordingSignals } from './__testUtils__/recordingSignals';
import {
  component,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './__testUtils__/testBackend';

// Docker events from the real engine reach open pages as signals.
const runId = uniqueRunId('events');
const entityName = `watched-${runId}`;
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
let proxy: RecordingProxy;

afterAll(async () => {
  await removeTestContainers(runId);
  await proxy?.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
});

it('signals a change to the pages of the entity the container is bound to, and nothing else', async () => {
  proxy = await startRecordingProxy();
  const published: SignalPayload[] = [];
  const backend = await startPluginBackend({
    entities: [
      component(entityName, {
        'docker-services/compose': `${runId}/watched`,
      }),
    ],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      dockerServices: {
        hosts: [{ name: 'local', url: proxy.url }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
      },
    },
    extraFeatures: [recordingSignals(published)],
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
    labels: { 'docker-services.entity': `component:default/${entityName}` },
    stopSignal: 'SIGKILL',
  });
  // Bound to no entity: its changes are nobody's business.
  const stray = await createTestContainer({
    runId,
    name: 'stray',
    stopSignal: 'SIGKILL',
  });
  await stray.stop();
  await container.stop();

  const channel = `docker-services:entity:component:default/${entityName}`;
  const heard = () => published.filter(p => p.channel === channel);
  for (let i = 0; i < 100 && heard().length < 2; i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  // One signal per change (created, started, killed, died, stopped…), each
  // on the entity's channel and carrying nothing but "changed".
  expect(heard().length).toBeGreaterThanOrEqual(2);
  for (const signal of heard()) {
    expect(signal).toEqual({
      recipients: { type: 'broadcast' },
      channel,
      message: { change: 'changed' },
    });
  }
  // Other suites' containers on this engine have channels of their own;
  // none of this run's but the entity's was told anything.
  expect(
    published.filter(p => p.channel.includes(runId) && p.channel !== channel),
  ).toEqual([]);
  expect(JSON.stringify(published)).not.toContain(stray.id);
  expect(JSON.stringify(published)).not.toContain(container.id);
  await backend.stop();
  expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
});
