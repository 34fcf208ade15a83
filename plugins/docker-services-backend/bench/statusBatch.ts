/*
 * Benchmark (not a test): the status of 100 catalog rows in one request to
 * the batched route, against the same 100 rows asked one by one of the
 * single-entity list route (as a page would without the batched route: six
 * requests at a time, a browser's limit per host), through the running
 * portal as shipped (real catalog, guest token, the demo policy, HTTP).
 * Also against the three routes the Services tab reads per entity
 * (containers, services, jobs), which is what a card would otherwise cost.
 * Prints p50 and p95 of each and the ratios. Run with `scripts/bench-status`.
 */
import { summarize } from './common';

const BASE = process.env.BENCH_STATUS_URL ?? 'http://localhost:7007';
const ROWS = 100;
const ROUNDS = Number(process.env.BENCH_STATUS_ROUNDS ?? 30);
const WARM_UP = 3;
/** A browser's connections per host over HTTP/1.1. */
const BROWSER_CONNECTIONS = 6;

async function guestToken(): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`No guest token from ${BASE}: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * 100 distinct refs of annotated components: the catalog's own, then the
 * same names in other letter cases (the catalog finds them alike), so that
 * each of the 100 is looked up and counted anew.
 */
async function rows(token: string): Promise<string[]> {
  const url = `${BASE}/api/catalog/entities/by-query?filter=kind=component,metadata.annotations.docker-services/compose&filter=kind=component,metadata.annotations.docker-services/label-selector&limit=1000`;
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const names: string[] = (await res.json()).items.map(
    (e: any) => e.metadata.name,
  );
  if (names.length === 0)
    throw new Error('The catalog has no annotated component');
  const refs: string[] = [];
  for (let variant = 0; refs.length < ROWS; variant++) {
    for (const name of names) {
      if (refs.length === ROWS) break;
      const cased = [...name]
        .map((c, i) => ((variant >> i) & 1 ? c.toUpperCase() : c))
        .join('');
      refs.push(`component:default/${cased}`);
    }
  }
  return [...new Set(refs)];
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function ok(res: Response) {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool(tasks: Array<() => Promise<void>>, limit: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

async function measure(name: string, once: () => Promise<void>) {
  for (let i = 0; i < WARM_UP; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await timed(once));
  const figures = summarize(samples);
  console.log(
    `${name.padEnd(44)} p50 ${figures.p50
      .toFixed(1)
      .padStart(7)} ms   p95 ${figures.p95.toFixed(1).padStart(7)} ms`,
  );
  return figures;
}

async function main() {
  const token = await guestToken();
  const headers = { Authorization: `Bearer ${token}` };
  const refs = await rows(token);
  const api = `${BASE}/api/docker-services`;
  const path = (ref: string) => {
    const [kind, rest] = ref.split(':');
    return `${api}/entities/${kind}/${rest}`;
  };
  console.log(
    `${refs.length} rows (${BASE}), ${ROUNDS} rounds after ${WARM_UP} to warm up; single requests ${BROWSER_CONNECTIONS} at a time`,
  );
  const batched = await measure('1 batched request, 100 refs', async () => {
    const res = await fetch(`${api}/entities/status`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs: refs }),
    });
    await ok(res);
  });
  const single = await measure('100 single-entity list requests', () =>
    pool(
      refs.map(
        ref => async () =>
          ok(await fetch(`${path(ref)}/containers`, { headers })),
      ),
      BROWSER_CONNECTIONS,
    ),
  );
  const tab = await measure("100 × the tab's 3 reads (300 requests)", () =>
    pool(
      refs.flatMap(ref =>
        ['containers', 'services', 'jobs'].map(
          route => async () =>
            ok(await fetch(`${path(ref)}/${route}`, { headers })),
        ),
      ),
      BROWSER_CONNECTIONS,
    ),
  );
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log(
    `single / batched: p50 ${ratio(single.p50, batched.p50)}, p95 ${ratio(
      single.p95,
      batched.p95,
    )}`,
  );
  console.log(
    `tab reads / batched: p50 ${ratio(tab.p50, batched.p50)}, p95 ${ratio(
      tab.p95,
      batched.p95,
    )}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
