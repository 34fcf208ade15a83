import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Test fixtures on the real Docker engine. Tests may create containers; the
 * plugin itself never can. Everything created carries TEST_LABEL, so a
 * crashed run is cleaned up by label, never by name.
 */
export const TEST_LABEL = 'docker-services.test';
export const DEMO_IMAGE = 'docker-services-demo/busybox:latest';

export const docker = new Docker();

/**
 * The second engine started by `scripts/second-engine up` (scripts/test
 * does it). Multi-host tests need it and fail with this message without it.
 */
export function secondEngine(): {
  docker: Docker;
  socketPath: string;
  pid: number;
} {
  const socketPath = process.env.DOCKER_SERVICES_TEST_ENGINE2;
  if (!socketPath) {
    throw new Error(
      'DOCKER_SERVICES_TEST_ENGINE2 is not set: run `scripts/second-engine up` and export its socket path (scripts/test does both).',
    );
  }
  const pid = Number(
    fs.readFileSync(path.join(path.dirname(socketPath), 'pid'), 'utf8'),
  );
  return { docker: new Docker({ socketPath }), socketPath, pid };
}

/** A label value unique to one test file's run. */
export function uniqueRunId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createTestContainer(options: {
  engine?: Docker;
  runId: string;
  name: string;
  labels?: Record<string, string>;
  cmd?: string[];
  start?: boolean;
  tty?: boolean;
  stopSignal?: string;
}): Promise<Docker.Container> {
  const container = await (options.engine ?? docker).createContainer({
    name: `${options.runId}-${options.name}`,
    Image: DEMO_IMAGE,
    Cmd: options.cmd ?? ['sleep', '600'],
    Tty: options.tty ?? false,
    Labels: { [TEST_LABEL]: options.runId, ...options.labels },
    StopSignal: options.stopSignal,
    HostConfig: { AutoRemove: false },
  });
  if (options.start ?? true) {
    await container.start();
  }
  return container;
}

/** Removes every container a run created. */
export async function removeTestContainers(
  runId: string,
  engine: Docker = docker,
): Promise<void> {
  const containers = await engine.listContainers({
    all: true,
    filters: { label: [`${TEST_LABEL}=${runId}`] },
  });
  await Promise.all(
    containers.map(c => engine.getContainer(c.Id).remove({ force: true })),
  );
}

export async function stateOf(container: Docker.Container): Promise<string> {
  return (await container.inspect()).State.Status;
}
