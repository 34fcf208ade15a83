import fs from 'node:fs';
import { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import Docker from 'dockerode';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import {
  removeTestContainers,
  TEST_LABEL,
  uniqueRunId,
} from './dockerFixtures';
import { startRecordingProxy, RecordingProxy } from './recordingProxy';
import {
  asUser,
  OTHER,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from './testBackend';

/** A notification's payload as the notifications backend lists it. */
export type Sent = {
  title: string;
  description: string;
  link: string;
  scope?: string;
};

/**
 * The fixture of the notification suites: two replicas of a backend with
 * docker-services and the real notifications backend on one database, a
 * catalog where team-a (OWNER) owns `noisy` and `hushed` (notifications
 * disabled), and `delivered`: every notification the notifications
 * backends processed (`${user} ${title}`), through their own processor
 * extension point. Fields are set in beforeAll; read them inside tests.
 */
export function useNotificationsWorld(prefix: string) {
  const runId = uniqueRunId(prefix);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
  const delivered: string[] = [];
  const replicas: Array<Awaited<ReturnType<typeof startPluginBackend>>> = [];
  let proxy: RecordingProxy | undefined;

  const service = (name: string, annotations: Record<string, string> = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'docker-services/label-selector': `${TEST_LABEL}=${runId}`,
        ...annotations,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  });
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a', namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [{ type: 'hasMember', targetRef: OWNER }],
    },
    ...[OWNER, OTHER].map(ref => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: ref.split('/')[1], namespace: 'default' },
      spec: {},
    })),
    service('noisy'),
    service('hushed', { 'docker-services/notifications': 'disabled' }),
  ];
  const deliveryCounter = createBackendModule({
    pluginId: 'notifications',
    moduleId: 'test-delivery-counter',
    register(env) {
      env.registerInit({
        deps: { processing: notificationsProcessingExtensionPoint },
        async init({ processing }) {
          processing.addProcessor({
            getName: () => 'test-delivery-counter',
            postProcess: async notification => {
              delivered.push(
                `${notification.user} ${notification.payload.title}`,
              );
            },
          });
        },
      });
    },
  });

  const notificationsOf = async (userRef: string): Promise<Sent[]> => {
    const res = await request(replicas[0].server)
      .get('/api/notifications/notifications')
      .set(asUser(userRef));
    expect(res.status).toBe(200);
    return res.body.notifications.map((n: { payload: Sent }) => n.payload);
  };

  beforeAll(async () => {
    proxy = await startRecordingProxy();
    const config = {
      app: { baseUrl: 'http://localhost:3000' },
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'local', url: proxy.url }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        stopTimeoutSeconds: 1,
        // askMaxPerHour: askOwners.integration.test.ts counts on 3.
        notifications: { quietSeconds: 2, askMaxPerHour: 3 },
      },
    };
    // Two replicas of the backend on one database, as in production.
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startPluginBackend({
          entities,
          config,
          extraFeatures: [notificationsPlugin, deliveryCounter],
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await removeTestContainers(runId);
    await proxy?.close();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }, 60_000);

  return {
    runId,
    delivered,
    /** The replicas' servers, for supertest. */
    server: (replica = 0): Server => replicas[replica].server,
    /** Labels that bind a container to one of the catalog's components. */
    bound: (entity: string) => ({
      'docker-services.entity': `component:default/${entity}`,
    }),
    notificationsOf,
    async waitForNotification(
      userRef: string,
      matches: (n: Sent) => boolean,
    ): Promise<Sent[]> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const all = await notificationsOf(userRef);
        if (all.some(matches)) return all;
        if (Date.now() > deadline) {
          throw new Error(`No such notification; got ${JSON.stringify(all)}`);
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    },
    /** Incident notifications about one of this run's containers. */
    about: (container: Docker.Container) => (n: Sent) =>
      n.title.startsWith(`${runId}-`) &&
      Boolean(n.scope?.includes(container.id)),
  };
}
