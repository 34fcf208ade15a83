import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';

/**
 * Test fixtures on the real Docker engine. Tests may create containers; the
 * plugin itself never can. Everything created carries TEST_LABEL, so a
 * crashed run is cleaned up by label, never by name.
 */
export const TEST_LABEL = 'docker-services.test';
export const DEMO_IMAGE = 'docker-services-demo/busybox:latest';

export const docker = new Docker();

/** A label value unique to one test file's run. */
export function uniqueRunId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createTestContainer(options: {
  runId: string;
  name: string;
  labels?: Record<string, string>;
  cmd?: string[];
  start?: boolean;
  tty?: boolean;
}): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name: `${options.runId}-${options.name}`,
    Image: DEMO_IMAGE,
    Cmd: options.cmd ?? ['sleep', '600'],
    Tty: options.tty ?? false,
    Labels: { [TEST_LABEL]: options.runId, ...options.labels },
    HostConfig: { AutoRemove: false },
  });
  if (options.start ?? true) {
    await container.start();
  }
  return container;
}

/** Removes every container a run created. */
export async function removeTestContainers(runId: string): Promise<void> {
  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`${TEST_LABEL}=${runId}`] },
  });
  await Promise.all(
    containers.map(c => docker.getContainer(c.Id).remove({ force: true })),
  );
}
