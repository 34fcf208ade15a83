/*
 * How the portal benchmark prints what it measured: the table of the
 * issue (a column per container count) and where a list request's time
 * goes. Part of bench/portalThroughput.ts.
 */
import os from 'node:os';
import { Percentiles } from './common';

/** What one round times, each a request of its own. */
export type Measure =
  /** The Engine's list by the entity label, on its socket. */
  | 'raw'
  /** The plugin's list route for the same entity, first in 5 s. */
  | 'route'
  /** The same request again at once: a tab reloaded. */
  | 'reload'
  /** Again, from a browser that holds that answer (If-None-Match): a 304. */
  | 'revalidate'
  /** The Engine's list by one container's name. */
  | 'rawSearch'
  /** The fleet search by the same name. */
  | 'fleet'
  /** The catalog's by-name read of the entity. */
  | 'catalog'
  /** A cheap authenticated route: GET /api/auth/v1/userinfo. */
  | 'token'
  /** POST /api/permission/authorize, container.read on the entity. */
  | 'decision'
  /** The readiness route: HTTP alone, no token. */
  | 'http'
  /** The list route of an annotated entity with no containers. */
  | 'empty';

export interface PortalFigures {
  size: number;
  /** Engine calls (entity lists, inspects) made while only list requests ran. */
  listDockerCalls: number;
  listRequests: number;
  /** The list route back to back, nothing between its requests. */
  routeAlone: Percentiles;
  perEntity: number;
  rounds: number;
  warmUp: number;
  setupSeconds: number;
  routeBytes: number;
  p: Record<Measure, Percentiles>;
  loadBefore: number[];
  loadAfter: number[];
}

const ms = (n: number) => n.toFixed(1);
const both = (p: Percentiles) => `${ms(p.p50)} ms (${ms(p.p95)})`;
const ratio = (raw: number, route: number) => `${(raw / route).toFixed(2)}×`;
const count = (n: number) => n.toLocaleString('en');

export function printPortalFigures(all: PortalFigures[], user: string): void {
  const row = (label: string, cell: (f: PortalFigures) => string) =>
    console.log(`| ${label} | ${all.map(cell).join(' | ')} |`);
  const { rounds, warmUp } = all[0];
  console.log(`
Through the portal as shipped: packages/backend with the demo config and
policy, a generated catalog, the guest token of ${user}, over HTTP.
${rounds} interleaved rounds per size after ${warmUp} to warm up; p50 (p95).
`);
  console.log(
    `| | ${all.map(f => `${count(f.size)} containers`).join(' | ')} |`,
  );
  console.log(`|---|${all.map(() => '---|').join('')}`);
  row('raw labelled Engine list', f => both(f.p.raw));
  row("the plugin's list route, a tab reloaded", f => both(f.p.reload));
  row(
    'raw / route, a tab reloaded (≥ 1: the route is faster)',
    f =>
      `**${ratio(f.p.raw.p50, f.p.reload.p50)}** (p95 ${ratio(
        f.p.raw.p95,
        f.p.reload.p95,
      )})`,
  );
  row(
    "the plugin's list route, a browser holding the list (304)",
    f =>
      `${both(f.p.revalidate)}; raw / route ${ratio(
        f.p.raw.p50,
        f.p.revalidate.p50,
      )}`,
  );
  row("the plugin's list route, the entity's first view in 5 s", f =>
    both(f.p.route),
  );
  row(
    'raw / route, first view',
    f =>
      `${ratio(f.p.raw.p50, f.p.route.p50)} (p95 ${ratio(
        f.p.raw.p95,
        f.p.route.p95,
      )})`,
  );
  row(
    'fleet search by name vs the raw name-filtered list',
    f =>
      `${ratio(f.p.rawSearch.p50, f.p.fleet.p50)} (${ms(f.p.fleet.p50)} vs ${ms(
        f.p.rawSearch.p50,
      )} ms)`,
  );
  row("the catalog's own by-name read on the same backend", f =>
    both(f.p.catalog),
  );
  if (all.length > 1) {
    const [small, large] = [all[0], all[all.length - 1]];
    const grew = (m: Measure) =>
      `${(large.p[m].p50 / small.p[m].p50).toFixed(2)}×`;
    console.log(`
The route's p50 at ${count(large.size)} against ${count(
      small.size,
    )} containers: reloaded ${grew('reload')}, first view ${grew(
      'route',
    )}, held by the browser ${grew('revalidate')} (goal ≤ 1.2×).`);
  }
  for (const f of all) {
    const { p } = f;
    const parts = p.token.p50 + p.catalog.p50 + p.decision.p50;
    console.log(`
Where a list request's time goes at ${count(f.size)} containers (${
      f.perEntity
    } bound to the entity; p50 (p95)):
  HTTP alone, no token (readiness)                     ${both(p.http)}
  token check (GET /api/auth/v1/userinfo)              ${both(p.token)}
  catalog read (GET /api/catalog/entities/by-name)     ${both(p.catalog)}
  permission decision (POST /api/permission/authorize) ${both(p.decision)}
  = token + catalog + decision                         ${ms(parts)} ms
  list route, entity with no containers                ${both(p.empty)}
  list route, the entity, first view in 5 s           ${both(p.route)}, ${count(
      f.routeBytes,
    )} bytes
  list route, the entity, reloaded at once            ${both(p.reload)}
  route without containers − token check               ${ms(
    p.empty.p50 - p.token.p50,
  )} ms  (cached entity and decisions, audit, routing, index lookup)
  reloaded − route without containers                  ${ms(
    p.reload.p50 - p.empty.p50,
  )} ms  (sending ${
      f.perEntity
    } containers, their list built once per change of the index)
  first view − reloaded                                ${ms(
    p.route.p50 - p.reload.p50,
  )} ms  (the caller's decisions in one permission call, not cached)
  list route, back to back (no Engine call between)    ${both(f.routeAlone)}
Docker calls from list requests: ${f.listDockerCalls} (${
      f.listRequests
    } list requests alone, counted by a proxy before the engine)
Containers created in ${f.setupSeconds.toFixed(
      0,
    )} s. Load average (1/5/15 min) before ${f.loadBefore
      .map(l => l.toFixed(1))
      .join('/')}, after ${f.loadAfter.map(l => l.toFixed(1)).join('/')}, on ${
      os.cpus().length
    } CPUs.`);
  }
  console.log(`
A first view asks the permission plugin, in one HTTP call with the
caller's token, whether they may see the entity in the catalog and read its
containers (the permission plugin then asks the auth plugin for the
person's ownership claims); the entity itself is read once for every
caller, with the plugin's own credentials. Each call pays a token check.`);
}
