/*
 * Benchmark (not a test): how soon an entity's Services tab is usable
 * against its Overview tab, in real Chromium, through a running portal,
 * with in-app navigation (a click on the tab's link, as people move between
 * tabs). Services is usable when the first container's Restart button is
 * enabled and the history is shown; Overview when its cards are rendered
 * (see usableProbe.ts). Rounds are interleaved (Overview, then Services,
 * each from the other tab), after a first view of the Services tab. Prints p50 and p95,
 * the ratio, and the requests each tab started before it was usable, by
 * path. Run with `scripts/bench-tab`.
 */
/* eslint-disable no-console */
import { chromium, Page } from '@playwright/test';
import { RequestTiming, TabName, Visit, visitTab } from './usableProbe';

const BASE = process.env.BENCH_TAB_URL ?? 'http://localhost:3000';
const ENTITY = process.env.BENCH_TAB_ENTITY ?? 'component/default/shop-web';
const [KIND, NAMESPACE, NAME] = ENTITY.split('/');
/** The entity page's path: namespace first, as the catalog's routes have it. */
const PAGE = `/catalog/${NAMESPACE}/${KIND}/${NAME}`;
const CONTAINER = process.env.BENCH_TAB_CONTAINER ?? 'demo-shop-web-1';
const ROUNDS = Number(process.env.BENCH_TAB_ROUNDS ?? 30);
/** Quiet time after a tab is usable, so that its late reads do not overlap the next visit. */
const SETTLE_MS = Number(process.env.BENCH_TAB_SETTLE_MS ?? 1_000);
/** The portal's backend, asked for a guest token before signing in. */
const BACKEND = process.env.BENCH_TAB_BACKEND_URL ?? 'http://localhost:7007';
const TIMEOUT_MS = 30_000;
/** Rounds run again when a visit failed (the portal restarting under it). */
const RETRIES = 3;
const TABS: TabName[] = ['Overview', 'Services'];

/** p50 and p95 (nearest rank). */
function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** `/api/docker-services/entities/component/default/shop-web/history` → `…/history`; other origins' paths as they are. */
function requestPath(url: string): string {
  const { pathname } = new URL(url);
  const entityPath = `/entities/${ENTITY}`;
  return pathname.includes(entityPath)
    ? pathname.replace(entityPath, '/entities/:ref')
    : pathname;
}

/** The requests to the portal's API (not code, images or icons). */
function apiRequests(visit: Visit): RequestTiming[] {
  return visit.requests.filter(r =>
    new URL(r.url).pathname.startsWith('/api/'),
  );
}

function printVisitsTable(visits: Record<TabName, Visit[]>) {
  const services = percentiles(visits.Services.map(v => v.usableMs));
  const overview = percentiles(visits.Overview.map(v => v.usableMs));
  const perVisit = (tab: TabName) =>
    (
      visits[tab].reduce((n, v) => n + apiRequests(v).length, 0) /
      visits[tab].length
    ).toFixed(1);
  console.log(
    `\n| ${ENTITY}, ${ROUNDS} rounds | p50 | p95 | API requests before usable |`,
  );
  console.log('|---|---|---|---|');
  for (const [tab, p] of [
    ['Services', services],
    ['Overview', overview],
  ] as const) {
    console.log(
      `| ${tab} tab usable | ${ms(p.p50)} | ${ms(p.p95)} | ${perVisit(tab)} |`,
    );
  }
  console.log(
    `| Services / Overview | **${(services.p50 / overview.p50).toFixed(
      2,
    )}×** | ${(services.p95 / overview.p95).toFixed(2)}× | |`,
  );
}

/** Per path: how many per visit, and when they started and ended (median, from the click). */
function printRequests(tab: TabName, visits: Visit[]) {
  const byPath = new Map<string, RequestTiming[]>();
  for (const visit of visits) {
    for (const request of visit.requests) {
      const path = requestPath(request.url);
      byPath.set(path, [...(byPath.get(path) ?? []), request]);
    }
  }
  console.log(
    `\n${tab} tab: requests started before it was usable (median times from the click)`,
  );
  const rows = [...byPath.entries()].sort(
    (a, b) =>
      percentiles(a[1].map(r => r.start)).p50 -
      percentiles(b[1].map(r => r.start)).p50,
  );
  for (const [path, requests] of rows) {
    const start = percentiles(requests.map(r => r.start)).p50;
    const end = percentiles(requests.map(r => r.end)).p50;
    const count = (requests.length / visits.length).toFixed(1);
    console.log(
      `  ${count.padStart(4)}×  ${ms(start).padStart(7)} → ${ms(end).padStart(
        7,
      )}  ${path}`,
    );
  }
}

/**
 * Until the backend gives out guest tokens: the demo portal restarts its
 * backend whenever a backend file changes. Fails after two minutes.
 */
async function backendReady() {
  for (let waited = 0; waited < 120; waited++) {
    const ok = await fetch(`${BACKEND}/api/auth/guest/refresh`).then(
      r => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise(r => setTimeout(r, 1_000));
  }
  throw new Error(`No guest token from ${BACKEND} within two minutes`);
}

/** Signed in as the demo's guest, on the entity's page (its Overview tab). */
async function openEntityPage(page: Page) {
  await backendReady();
  await page.goto(`${BASE}${PAGE}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const services = page.getByRole('link', { name: 'Services', exact: true });
  await enter.or(services).first().waitFor({ timeout: 60_000 });
  if (await enter.isVisible()) await enter.click();
  await services.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
    });
    await openEntityPage(page);
    const options = {
      container: CONTAINER,
      timeoutMs: TIMEOUT_MS,
      settleMs: SETTLE_MS,
    };
    // The first view loads the tab's code; the rounds start on the Services tab.
    const first = await visitTab(page, 'Services', options);
    const visits: Record<TabName, Visit[]> = { Services: [], Overview: [] };
    let retries = RETRIES;
    for (let round = 0; round < ROUNDS; round++) {
      try {
        const overview = await visitTab(page, 'Overview', options);
        const services = await visitTab(page, 'Services', options);
        visits.Overview.push(overview);
        visits.Services.push(services);
      } catch (error) {
        if (retries-- === 0) throw error;
        console.warn(`Round ${round + 1} again, after: ${error}`);
        round--;
        await openEntityPage(page);
        // Its code again, not counted; the round starts from this tab.
        await visitTab(page, 'Services', options);
      }
    }
    console.log(
      `First view of the Services tab (its code loaded): ${ms(
        first.usableMs,
      )}, ${apiRequests(first).length} API requests before usable`,
    );
    printVisitsTable(visits);
    for (const tab of TABS) printRequests(tab, visits[tab]);
  } catch (error) {
    const shot = process.env.BENCH_TAB_FAILURE_SHOT;
    if (shot)
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: shot });
    throw error;
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
