/*
 * Figures of the container index on the real engine: its heap per 1,000
 * indexed containers, how long its first full reconcile takes, and how
 * long after a container changes (started, stopped) the index knows it.
 * Part of the list benchmark (bench/listThroughput.ts); run node with
 * --expose-gc for the memory figure.
 */
import Docker from 'dockerode';
import { ContainerBindings } from '../src/binding/ContainerBindings';
import { DockerodeHost } from '../src/docker/DockerodeHost';
import { ContainerEventWatcher } from '../src/events/ContainerEventWatcher';
import { ContainerIndex } from '../src/containerIndex/ContainerIndex';
import { benchLogger } from './common';

export interface IndexFigures {
  indexed: number;
  /** Heap the index holds per 1,000 containers; undefined without --expose-gc. */
  bytesPer1000?: number;
  reconcileMs: number;
  /** From the engine's answer to start/stop until the index knew, per change. */
  lagMs: number[];
  /** From sending start/stop until the index knew, per change. */
  lagFromRequestMs: number[];
}

/** The index's warnings go to the console; the rest is quiet. */
const logger = benchLogger();

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number | undefined {
  if (!gc) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Polls `condition` every millisecond, at most 30 s. */
async function waitFor(condition: () => boolean, what: string) {
  const giveUpAt = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 1));
  }
}

export async function measureIndex(options: {
  docker: Docker;
  socketPath: string;
  /** Containers bound to the measured entity: started and stopped once each. */
  changeIds: string[];
}): Promise<IndexFigures> {
  const host = DockerodeHost.create({
    name: 'local',
    socketPath: options.socketPath,
    requestTimeoutMs: 60_000,
    trustCatalogAnnotations: false,
  });
  const before = heapUsed();
  const index = ContainerIndex.create({
    hosts: [host],
    bindings: ContainerBindings.create({
      rules: [],
      trustingHosts: [],
      annotatedEntities: async () => [],
    }),
    logger,
    reconcileIntervalMs: 3_600_000,
  });
  const started = performance.now();
  await index.start();
  const reconcileMs = performance.now() - started;
  const after = heapUsed();
  const indexed = index.view('local')!.containers.length;

  const watcher = new ContainerEventWatcher({
    hosts: [host],
    onEvent: async event => void index.onEvent(event),
    onConnect: name => void index.onStreamUp(name),
    onDisconnect: name => index.onStreamDown(name),
    logger,
  });
  const lagMs: number[] = [];
  const lagFromRequestMs: number[] = [];
  try {
    watcher.start();
    await waitFor(() => index.view('local')!.live, 'a live index');
    for (const id of options.changeIds) {
      const container = options.docker.getContainer(id);
      for (const [change, state] of [
        [() => container.start(), 'running'],
        [() => container.stop({ t: 0 }), 'exited'],
      ] as const) {
        const sent = performance.now();
        await change();
        const answered = performance.now();
        await waitFor(
          () => index.find('local', id)?.inspected?.State.Status === state,
          `the index to see ${id.slice(0, 12)} ${state}`,
        );
        const known = performance.now();
        lagMs.push(known - answered);
        lagFromRequestMs.push(known - sent);
      }
    }
  } finally {
    await watcher.stop();
    await index.stop();
  }
  return {
    indexed,
    bytesPer1000:
      before !== undefined && after !== undefined && indexed > 0
        ? ((after - before) / indexed) * 1000
        : undefined,
    reconcileMs,
    lagMs,
    lagFromRequestMs,
  };
}
