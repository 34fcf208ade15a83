import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { mockServices } from '@backstage/backend-test-utils';
import Docker from 'dockerode';
import fs from 'node:fs';
import * as nodeHttp from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createTestContainer,
  removeTestContainers,
  uniqueRunId,
} from './dockerFixtures';
import request from 'supertest';
import { eventually } from './eventually';
import { callTool, connectMcp, mcpUrlOf, ToolAnswer } from './mcpClient';
import { RecordingProxy, startRecordingProxy } from './recordingProxy';
import {
  asUser,
  component,
  OTHER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './testBackend';

export type { ToolAnswer } from './mcpClient';

/**
 * The fixture of the assistant suite: a real MCP client (the SDK's, over
 * streamable HTTP) against the real docker-services plugin, the real
 * mcp-actions plugin and actions registry, and a real engine behind a
 * recording proxy; one container of the component `shop` that wrote three
 * lines (one with colour and a screen clear), and one job of it. Credentials and permission
 * decisions are the test backend's explicit ones: the owner acts, everyone
 * reads. The auditor is a mock, to read its events. Fields are set in
 * beforeAll; read them inside tests.
 */
export function useAssistantWorld() {
  const runId = uniqueRunId('assistant');
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
  const auditor = mockServices.auditor.mock();
  const world = {
    runId,
    auditor,
    base: '/api/docker-services/entities/component/default/shop',
    proxy: undefined as unknown as RecordingProxy,
    shop: undefined as unknown as Docker.Container,
    /** A job of `shop` that writes two lines and ends; not run yet. */
    job: undefined as unknown as Docker.Container,
    backend: undefined as unknown as Awaited<
      ReturnType<typeof startPluginBackend>
    >,
    mcpUrl: undefined as unknown as URL,
    auditEvents: () =>
      auditor.createEvent.mock.calls.map(([options]) => options),
    /** An MCP session with a person's (or a service's) own token. */
    connect: (headers: Record<string, string>) =>
      connectMcp(world.mcpUrl, headers),
    /** One tool call of docker-services, in a session of its own. */
    call: (
      headers: Record<string, string>,
      name: string,
      args: Record<string, unknown>,
    ): Promise<ToolAnswer> => callTool(world.mcpUrl, headers, name, args),
    /** A log followed as a page follows it, open until destroyed. */
    follow: (headers: Record<string, string>, logPath: string) => {
      const { port } = world.backend.server.address() as AddressInfo;
      return new Promise<nodeHttp.ClientRequest>((resolve, reject) => {
        const req = nodeHttp.get(
          { host: '127.0.0.1', port, path: logPath, headers },
          res => (res.statusCode === 200 ? resolve(req) : reject(res)),
        );
        req.on('error', reject);
      });
    },
  };

  beforeAll(async () => {
    auditor.createEvent.mockResolvedValue({
      success: jest.fn(),
      fail: jest.fn(),
    });
    world.proxy = await startRecordingProxy();
    world.shop = await createTestContainer({
      runId,
      name: 'shop-1',
      labels: {
        'com.docker.compose.project': runId,
        'com.docker.compose.service': 'shop',
        'docker-services.entity': 'component:default/shop',
      },
      // A line with colour and a screen clear: an assistant gets neither.
      cmd: [
        'sh',
        '-c',
        'echo first; printf "\\033[31mred\\033[0m \\033[2Jcleared\\n"; echo last; exec sleep 600',
      ],
      stopSignal: 'SIGKILL',
    });
    world.job = await createTestContainer({
      runId,
      name: 'shop-report',
      labels: {
        'com.docker.compose.project': runId,
        'com.docker.compose.service': 'shop',
        'docker-services.entity': 'component:default/shop',
        'docker-services.job': 'true',
      },
      cmd: ['sh', '-c', 'echo report; printf "\\033[1mdone\\033[0m\\n"'],
      start: false,
    });
    world.backend = await startPluginBackend({
      entities: [
        component('shop', { 'docker-services/compose': `${runId}/shop` }),
      ],
      config: {
        backend: {
          database: testDatabaseConfig(runId, sqliteDir),
          actions: { pluginSources: ['docker-services'] },
        },
        permission: { enabled: true },
        dockerServices: {
          hosts: [{ name: 'local', url: world.proxy.url }],
          requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
          stopTimeoutSeconds: 1,
          // Two open logs per person: the assistant's reads count with them.
          logs: { maxStreamsPerUser: 2, maxFollowersPerUser: 2 },
        },
      },
      extraFeatures: [mcpActionsPlugin, auditor.factory],
    });
    world.mcpUrl = mcpUrlOf(world.backend.server);
    // The fleet search reads the container index alone: wait for its first
    // reconcile (slow on a busy machine), as the routes' answers are compared.
    const live = await eventually(
      () =>
        request(world.backend.server)
          .get(`/api/docker-services/fleet/containers?q=${runId}`)
          .set(asUser(OTHER)),
      res =>
        res.body.hosts?.every((h: { status: string }) => h.status === 'ok'),
    );
    if (live.status !== 200) {
      throw new Error(`The fleet answered ${live.status} while starting`);
    }
  }, 60_000);

  afterAll(async () => {
    await world.backend?.stop();
    await removeTestContainers(runId);
    await world.proxy?.close();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }, 30_000);

  return world;
}

/**
 * A body with Docker's own status words ("Up 2 seconds") left out of each
 * container, and the index's age out of each host: they move with the
 * clock between two reads, the rest must not.
 */
export function withoutDockerStatus(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutDockerStatus);
  if (body === null || typeof body !== 'object') return body;
  const entries = Object.entries(body).filter(
    ([key]) =>
      !(key === 'status' && 'state' in body) &&
      // How old the container index is moves with the clock too.
      key !== 'indexAgeSeconds',
  );
  return Object.fromEntries(
    entries.map(([key, value]) => [key, withoutDockerStatus(value)]),
  );
}
