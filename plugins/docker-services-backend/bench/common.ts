/*
 * What the benchmarks share: the engine they run against, the plugin's
 * backend they start beside it, HTTP GETs that time themselves, and
 * percentiles. Not part of the plugin.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { dockerServicesPlugin } from '../src/plugin';

/**
 * The engine's socket: DOCKER_HOST's when it is a unix socket (a bench
 * engine of its own, see scripts/bench-list), else the machine's.
 */
export const SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';

/** Built by scripts/demo-up without a registry. */
export const IMAGE = 'docker-services-demo/busybox:latest';

export interface Percentiles {
  p50: number;
  p95: number;
}

/** p50 and p95 of `samples` (nearest rank). */
export function summarize(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

/** The middle of `samples` (the upper one of an even count). */
export function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/** A logger that prints warnings and errors (when `loud`) and nothing else. */
export function benchLogger(loud = true): LoggerService {
  const logger: LoggerService = {
    error: (message, meta) => loud && console.error(message, meta ?? ''),
    warn: (message, meta) => loud && console.warn(message, meta ?? ''),
    info: () => undefined,
    debug: () => undefined,
    child: () => logger,
  };
  return logger;
}

/**
 * A backend with the plugin, an in-memory SQLite, a mocked catalog holding
 * one component `name` bound by its Compose annotation `compose`, and the
 * given `dockerServices` config; resolves with its port. Requests carry
 * `mockCredentials.user.header()`; the mocked permissions allow them.
 */
export async function startBenchBackend(options: {
  name: string;
  compose: string;
  dockerServices: JsonObject;
}): Promise<number> {
  const { server } = await startTestBackend({
    features: [
      dockerServicesPlugin,
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: options.name,
              namespace: 'default',
              annotations: { 'docker-services/compose': options.compose },
            },
            spec: {
              type: 'service',
              owner: 'bench',
              lifecycle: 'experimental',
            },
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          dockerServices: options.dockerServices,
        },
      }),
      databaseServiceFactory,
    ],
  });
  return (server.address() as AddressInfo).port;
}

/**
 * GETs `options` and reads the answer to the end, handing each chunk to
 * `onData`; resolves with the status, the bytes and the ms taken.
 */
export function timedRequest(
  options: http.RequestOptions,
  onData: (chunk: Buffer) => void = () => undefined,
): Promise<{ ms: number; status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(options, res => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          onData(chunk);
        });
        res.on('end', () =>
          resolve({
            ms: performance.now() - started,
            status: res.statusCode ?? 0,
            bytes,
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** GETs `options` and parses its JSON body; also the ms taken. */
export async function timedGetJson(
  options: http.RequestOptions,
): Promise<{ ms: number; status: number; body: any }> {
  const chunks: Buffer[] = [];
  const { ms, status } = await timedRequest(options, c => chunks.push(c));
  return {
    ms,
    status,
    body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
  };
}
