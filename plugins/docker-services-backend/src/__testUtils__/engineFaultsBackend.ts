import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import path from 'node:path';
import { recordingSignals } from './recordingSignals';
import {
  component,
  startPluginBackend,
  testDatabaseConfig,
} from './testBackend';

/** The plugin's logger, keeping every message in `lines`. */
function recordingLogger(lines: string[]) {
  const logger: LoggerService = {
    error: message => void lines.push(message),
    warn: message => void lines.push(message),
    info: message => void lines.push(message),
    debug: message => void lines.push(message),
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
}

/**
 * A backend of the plugin as in production (container index on, permissions
 * on) for the entity `component:default/shop`, reaching the suite's own
 * engine as host `own` and the machine's as `local`, with its log kept in
 * `logLines` and, when given, its signals in `published`.
 */
export function startFaultsBackend(options: {
  name: string;
  runId: string;
  sqliteDir: string;
  ownSocketPath: string;
  requestTimeoutMs: number;
  logLines: string[];
  published?: Array<{ at: number; channel: string }>;
}) {
  const { name, runId, published } = options;
  return startPluginBackend({
    entities: [
      component('shop', { 'docker-services/compose': `${runId}/shop` }),
    ],
    config: {
      backend: {
        database: testDatabaseConfig(
          `${runId}-${name}`,
          path.join(options.sqliteDir, name),
        ),
      },
      permission: { enabled: true },
      dockerServices: {
        hosts: [
          { name: 'own', socketPath: options.ownSocketPath },
          { name: 'local', socketPath: '/var/run/docker.sock' },
        ],
        requestTimeoutMs: options.requestTimeoutMs,
        stopTimeoutSeconds: 20,
        // Only the first, and those after a fault: what reaches the engine
        // while the index is live is then the pings and events alone.
        index: { reconcileSeconds: 3600 },
      },
    },
    extraFeatures: published
      ? [
          recordingLogger(options.logLines),
          // Each signal's channel, with when it was published.
          recordingSignals(published, signal => ({
            at: Date.now(),
            channel: signal.channel,
          })),
        ]
      : [recordingLogger(options.logLines)],
  });
}
