/*
 * The containers the list benchmark measures against: created (never
 * started) in bounded parallel batches on the machine's engine, every one
 * labelled `docker-services.test=<run id>`, and removed by that label.
 * Part of the list benchmark (bench/listThroughput.ts).
 */
import Docker from 'dockerode';
import { IMAGE } from './common';

export const TEST_LABEL = 'docker-services.test';
/** Docker calls at a time while creating or removing. */
const BATCH = 16;

/** Runs `fn` over `items`, at most BATCH at a time. */
async function inBatches<T>(items: T[], fn: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) {
    await Promise.all(items.slice(i, i + BATCH).map(fn));
  }
}

/** The labels of container number `n`: bound to `entity` when `bound`, else to one of 50 others. */
export function benchLabels(options: {
  runId: string;
  n: number;
  bound: boolean;
  entityRef: string;
}): Record<string, string> {
  const { runId, n, bound, entityRef } = options;
  return {
    [TEST_LABEL]: runId,
    'com.docker.compose.project': runId,
    'com.docker.compose.service': bound ? 'bench' : `filler-${n % 50}`,
    'com.docker.compose.container-number': String(n),
    'docker-services.entity': bound
      ? entityRef
      : `component:default/bench-filler-${n % 50}`,
  };
}

/**
 * Creates containers `from`..`to - 1`; the numbers in `boundNumbers` are
 * bound to the measured entity, the rest to other entities.
 */
export async function createBenchContainers(options: {
  docker: Docker;
  runId: string;
  entityRef: string;
  from: number;
  to: number;
  boundNumbers: Set<number>;
}): Promise<void> {
  const { docker, runId, entityRef, from, to, boundNumbers } = options;
  const numbers = Array.from({ length: to - from }, (_, i) => from + i);
  await inBatches(numbers, n =>
    docker.createContainer({
      name: `${runId}-${n}`,
      Image: IMAGE,
      Cmd: ['sleep', '3600'],
      StopSignal: 'SIGKILL',
      Labels: benchLabels({
        runId,
        n,
        bound: boundNumbers.has(n),
        entityRef,
      }),
    }),
  );
}

/** Removes every container of the run (by its `label`), whatever its state. */
export async function removeBenchContainers(
  docker: Docker,
  runId: string,
  label = TEST_LABEL,
): Promise<number> {
  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`${label}=${runId}`] },
  });
  await inBatches(containers, c =>
    docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined),
  );
  return containers.length;
}
