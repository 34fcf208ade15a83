import {
  APIRequestContext,
  APIRequest,
  expect,
  Page,
  test,
} from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** Signs in through the guest card as the user the backend is configured with. */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByTestId('sidebar-root').getByRole('link', { name: 'Catalog' }),
  ).toBeVisible();
}

/**
 * A client of the API of the backend at `baseURL`, signed in as that
 * backend's user (the guest sign-in's token). Dispose of it when done.
 */
export async function signedInApi(
  request: APIRequest,
  baseURL: string,
): Promise<APIRequestContext> {
  const guest = await request.newContext({ baseURL });
  const token = (await (await guest.get('/api/auth/guest/refresh')).json())
    .backstageIdentity.token;
  await guest.dispose();
  return request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
}

/** Container names Docker itself reports for a set of labels. */
export function dockerContainerNames(labels: string[]): string[] {
  const args = ['ps', '-a', '--format', '{{.Names}}'];
  for (const label of labels) args.push('--filter', `label=${label}`);
  return execFileSync('docker', args, { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
}

/** The WCAG 2 A and AA rules axe-core checks in the accessibility specs. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2 A/AA) on the page, or on `include` only, prints
 * every finding with its impact and fails on any serious or critical one,
 * naming the rule and the first nodes it found.
 */
export async function expectNoSeriousViolations(
  page: Page,
  what: string,
  options: { include?: string } = {},
) {
  // Imported here: the specs that never call this need no axe-core.
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page }).withTags(WCAG_AA_TAGS);
  if (options.include) builder = builder.include(options.include);
  // axe walks the whole DOM (a live log drawer holds thousands of nodes):
  // on a loaded 2-core machine one run took over a minute. Each run gets a
  // minute of its own on top of the test's budget.
  test.info().setTimeout(test.info().timeout + 60_000);
  const { violations } = await builder.analyze();
  const summary = violations.map(v => `${v.impact} ${v.id} ×${v.nodes.length}`);
  // eslint-disable-next-line no-console
  console.log(`axe, ${what}: ${summary.join(', ') || 'no violations'}`);
  const serious = violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id} (${v.impact}, ${v.nodes.length} nodes: ${v.help}): ${v.nodes
          .slice(0, 3)
          .map(n => `${n.target.join(' ')} — ${n.failureSummary}`)
          .join(' | ')}`,
    );
  expect(serious, `serious or critical axe violations, ${what}`).toEqual([]);
}

/** Chooses the app's theme before the page loads (Backstage keeps it in localStorage). */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript(t => window.localStorage.setItem('theme', t), theme);
}

/** Creates a container with `docker create`; returns its full id. */
export function createTestContainer(options: {
  name: string;
  labels: string[];
  cmd?: string[];
}): string {
  const args = ['create', '--name', options.name];
  for (const label of options.labels) args.push('--label', label);
  args.push(
    'docker-services-demo/busybox:latest',
    ...(options.cmd ?? ['true']),
  );
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** Removes every container carrying `label` (`key=value`), whatever its state. */
export function removeTestContainers(label: string) {
  const ids = execFileSync(
    'docker',
    ['ps', '-aq', '--filter', `label=${label}`],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
}

function dockerInspect(name: string, format: string): string {
  return execFileSync('docker', ['inspect', '-f', format, name], {
    encoding: 'utf8',
  }).trim();
}

/** The full id of a container Docker knows by `name`. */
export function dockerContainerId(name: string): string {
  return dockerInspect(name, '{{.Id}}');
}

/** When Docker last started the container it knows by `name`. */
export function dockerStartedAt(name: string): string {
  return dockerInspect(name, '{{.State.StartedAt}}');
}

/**
 * Opens the Docker page and searches it for `q`; returns the search's panel
 * (its `status` says how many containers match, its `table` lists them).
 */
export async function searchDockerPage(page: Page, q: string) {
  await page.goto('/docker');
  const panel = page.getByRole('tabpanel', { name: 'Find a container' });
  await panel.getByRole('searchbox', { name: 'Find a container' }).fill(q);
  await expect(panel.getByRole('status')).toContainText(`matching “${q}”`);
  return panel;
}

/**
 * Searches the Docker page for `q` until a row named like `rowName` shows
 * (the backend's index learns of a new container from Docker's events);
 * returns the search's panel.
 */
export async function searchDockerPageUntilRow(
  page: Page,
  q: string,
  rowName: string,
) {
  let panel = await searchDockerPage(page, q);
  await expect(async () => {
    panel = await searchDockerPage(page, q);
    await expect(
      panel.getByRole('row', { name: new RegExp(rowName) }),
    ).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return panel;
}

/**
 * Writes `count` rows into order-worker's history, as the signed-in user
 * of the backend at `baseURL`: starts, through the API, a container of
 * order-worker (its entity label and the Compose labels its annotation
 * narrows to, plus `label`) that exits at once. Remove it with
 * `removeTestContainers(label)`.
 */
export async function writeHistoryRows(options: {
  playwright: { request: APIRequest };
  baseURL: string;
  label: string;
  count: number;
}) {
  const id = execFileSync(
    'docker',
    [
      'create',
      '--label',
      options.label,
      '--label',
      'docker-services.entity=component:default/order-worker',
      '--label',
      'com.docker.compose.project=demo-shop',
      '--label',
      'com.docker.compose.service=worker',
      'docker-services-demo/busybox:latest',
      'true',
    ],
    { encoding: 'utf8' },
  ).trim();
  const api = await signedInApi(options.playwright.request, options.baseURL);
  const url = `/api/docker-services/entities/component/default/order-worker/containers/local/${id}/start`;
  for (let i = 0; i < options.count; i++) {
    // The backend's index learns of the new container from Docker's events.
    await expect
      .poll(
        async () => {
          const response = await api.post(url, {
            data: { reason: `accessibility check ${i}` },
          });
          return response.status();
        },
        { timeout: 20_000 },
      )
      .toBe(200);
  }
  await api.dispose();
}

/**
 * In the calling spec: before its tests, `count` rows in order-worker's
 * history (see writeHistoryRows); after them, its containers removed.
 */
export function withHistoryRows(label: string, count: number) {
  test.beforeAll(async ({ playwright }, testInfo) => {
    removeTestContainers(label);
    await writeHistoryRows({
      playwright,
      baseURL: testInfo.project.use.baseURL!,
      label,
      count,
    });
  });
  test.afterAll(() => removeTestContainers(label));
}
