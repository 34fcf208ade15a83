/*
 * How the list benchmark prints what it measured. Part of the list
 * benchmark (bench/listThroughput.ts).
 */
import os from 'node:os';
import { IndexFigures } from './indexFigures';
import { Percentiles, summarize } from './common';

const ms = (n: number) => `${n.toFixed(1)} ms`;

export function printFigures(figures: {
  size: number;
  rounds: number;
  raw: Percentiles;
  plugin: Percentiles;
  /** Docker's own search by container name (`name` filter). */
  rawSearch: Percentiles;
  /** The fleet search route, by the same name. */
  fleet: Percentiles;
  index: IndexFigures;
  load: [number, number];
}): void {
  const { size, rounds, raw, plugin, rawSearch, fleet, index, load } = figures;
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
    `Engine API list (name filter), direct: p50 ${ms(rawSearch.p50)}, p95 ${ms(
      rawSearch.p95,
    )}`,
  );
  console.log(
    `Plugin fleet search (by name):         p50 ${ms(fleet.p50)}, p95 ${ms(
      fleet.p95,
    )}`,
  );
  console.log(
    `Ratio fleet/raw by name:               p50 ${(
      fleet.p50 / rawSearch.p50
    ).toFixed(2)}, p95 ${(fleet.p95 / rawSearch.p95).toFixed(
      2,
    )}; fleet/raw label list p95 ${(fleet.p95 / raw.p95).toFixed(2)}`,
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
