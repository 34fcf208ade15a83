/*
 * How the list benchmark prints what it measured. Part of the list
 * benchmark (bench/listThroughput.ts).
 */
import os from 'node:os';
import { IndexFigures } from './indexFigures';

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

const ms = (n: number) => `${n.toFixed(1)} ms`;

export function printFigures(figures: {
  size: number;
  rounds: number;
  raw: Percentiles;
  plugin: Percentiles;
  index: IndexFigures;
  load: [number, number];
}): void {
  const { size, rounds, raw, plugin, index, load } = figures;
  const lag =
    index.lagMs.length > 0 ? { ...summarize(index.lagMs) } : undefined;
  const lagRequest =
    index.lagFromRequestMs.length > 0
      ? summarize(index.lagFromRequestMs)
      : undefined;
  console.log(
    `\n== ${size} containers on the engine; ${rounds} sequential requests each ==`,
  );
  console.log(
    `Engine API list (label filter), direct: p50 ${ms(raw.p50)}, p95 ${ms(
      raw.p95,
    )}`,
  );
  console.log(
    `Plugin list route:                     p50 ${ms(plugin.p50)}, p95 ${ms(
      plugin.p95,
    )}`,
  );
  console.log(
    `Ratio plugin/raw:                      p50 ${(
      plugin.p50 / raw.p50
    ).toFixed(2)}, p95 ${(plugin.p95 / raw.p95).toFixed(2)}`,
  );
  console.log(
    `Index: ${index.indexed} containers indexed; first reconcile ${ms(
      index.reconcileMs,
    )}; heap ${
      index.bytesPer1000 === undefined
        ? 'not measured (run node with --expose-gc)'
        : `${(index.bytesPer1000 / 1024).toFixed(0)} KiB per 1,000 containers`
    }`,
  );
  if (lag && lagRequest) {
    console.log(
      `Index knows a change (start/stop, ${
        index.lagMs.length
      } changes): after the engine's answer p50 ${ms(lag.p50)}, p95 ${ms(
        lag.p95,
      )}; after the request p50 ${ms(lagRequest.p50)}, p95 ${ms(
        lagRequest.p95,
      )}`,
    );
  }
  console.log(
    `Load average (1 min) before/after: ${load[0].toFixed(1)}/${load[1].toFixed(
      1,
    )} on ${os.cpus().length} CPUs`,
  );
}
