import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import {
  createTestContainer,
  dockerContainerId,
  expectNoSeriousViolations,
  removeTestContainers,
  searchDockerPage,
  signedInApi,
  signIn,
  useTheme,
} from './helpers';

// Signed in as alice, of team-shop, which owns shop-web and order-worker.
const LABEL = 'docker-services.test=dockerPage';
const FAILED = 'dockerpage-shop-web-failed-1';

test.afterAll(() => removeTestContainers(LABEL));

test('an owner finds a demo container by name and sees its entity and owner, with contact', async ({
  page,
}) => {
  await signIn(page);
  const results = await searchDockerPage(page, 'demo-shop-web-1');

  const row = results.getByRole('row', { name: /demo-shop-web-1/ });
  await expect(row).toContainText('Running');
  await expect(row).toContainText('local');
  await expect(
    row.getByRole('link', { name: 'shop-web: Services tab' }),
  ).toBeVisible();
  await expect(
    row.getByRole('link', { name: 'Shop team', exact: true }),
  ).toBeVisible();
  await expect(
    row.getByRole('link', {
      name: 'E-mail Shop team: shop-team@example.com',
    }),
  ).toHaveAttribute('href', 'mailto:shop-team@example.com');

  // The link leads to the entity's Services tab, which lists the container.
  await row.getByRole('link', { name: 'shop-web: Services tab' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/shop-web\/services$/,
  );
  await expect(
    page.getByRole('row', { name: /^demo-shop-web-1/ }),
  ).toBeVisible();
});

test('an owner finds a demo container by its short id', async ({ page }) => {
  const shortId = dockerContainerId('demo-shop-web-1').slice(0, 12);
  await signIn(page);
  const results = await searchDockerPage(page, shortId);

  await expect(results.getByRole('status')).toHaveText(
    `1 container matching “${shortId}”.`,
  );
  const row = results.getByRole('row', { name: /demo-shop-web-1/ });
  await expect(row).toContainText(shortId);
  await expect(
    row.getByRole('link', { name: 'shop-web: Services tab' }),
  ).toBeVisible();
});

test('an owner finds the demo Swarm service by its name, a part of it, its stack, its component and a task', async ({
  page,
}) => {
  await signIn(page);
  for (const q of ['shop_api', 'api', 'demo-shop', 'shop-api']) {
    const results = await searchDockerPage(page, q);
    await expect(results.getByRole('status')).toContainText(/1 Swarm service/);
    const row = results.getByRole('row', { name: /^demo-shop_api/ });
    await expect(row).toContainText('stack demo-shop');
    await expect(row).toContainText(/\d of 3 running/);
    await expect(row).toContainText('local');
    await expect(
      row.getByRole('link', { name: 'shop-api: Services tab' }),
    ).toBeVisible();
    await expect(
      row.getByRole('link', { name: 'Shop team', exact: true }),
    ).toBeVisible();
  }
  // A task by its name: that task, in Swarm's words.
  const results = await searchDockerPage(page, 'demo-shop_api.2');
  const row = results.getByRole('row', { name: /^demo-shop_api/ });
  await expect(row).toContainText(/demo-shop_api\.2: /);
  await expect(row).not.toContainText('demo-shop_api.1:');
  await row.getByRole('link', { name: 'shop-api: Services tab' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/shop-api\/services$/,
  );
  // The tab says in one line that no container runs on the host, above
  // the running service (no empty card with a paragraph).
  await expect(page.getByTestId('swarm-service').first()).toBeVisible();
  await expect(page.getByTestId('empty-host-local')).toHaveText(
    /^No containers of this component on host local\.( Why none\?)?$/,
  );
});

test('My services lists the owner’s entities, the one needing attention first', async ({
  page,
  playwright,
  baseURL,
}) => {
  removeTestContainers(LABEL);
  // A shop-web container that ended with an error: shop-web now needs
  // attention, and comes before order-worker (which sorts first by name).
  const id = createTestContainer({
    name: FAILED,
    labels: [
      LABEL,
      'docker-services.entity=component:default/shop-web',
      'com.docker.compose.project=demo-shop',
      'com.docker.compose.service=web',
    ],
    cmd: ['sh', '-c', 'exit 3'],
  });
  execFileSync('docker', ['start', id]);

  await signIn(page);
  await page.goto('/docker');
  await page.getByRole('tab', { name: 'My services' }).click();
  const panel = page.getByRole('tabpanel', { name: 'My services' });
  // The backend's index learns of the container from Docker's events.
  await expect(async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'My services' }).click();
    await expect(
      panel.getByRole('region', { name: 'shop-web: Services tab' }),
    ).toContainText(FAILED, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // Those needing attention first: shop-web (the failed container) and
  // daily-orders (its pipeline's report ended with code 3), by name, then
  // order-worker, whose container runs.
  // Worst first, as the backend ranks them (a job whose last run failed
  // or nothing running, then partly running, then the rest); shop-api,
  // whose workload is the Swarm service demo-shop_api, is listed too.
  const cards = panel.getByRole('region');
  await expect(cards).toHaveCount(4);
  const api = await signedInApi(playwright.request, baseURL!);
  const { entities } = await (
    await api.get('/api/docker-services/fleet/mine')
  ).json();
  await api.dispose();
  const rank = ['failing', 'unknown', 'degraded', 'ok'];
  const ranks = entities.map((e: { level: string }) => rank.indexOf(e.level));
  expect(ranks).toEqual([...ranks].sort((x: number, y: number) => x - y));
  const shown = await cards.evaluateAll(regions =>
    regions.map(r => r.getAttribute('aria-labelledby') ?? ''),
  );
  expect(shown).toEqual(
    entities.map(
      (e: { ref: string }) => `my-service-${e.ref.replace(/[^a-z0-9]/gi, '-')}`,
    ),
  );
  const at = (name: string) =>
    shown.findIndex(labelId => labelId.endsWith(`-${name}`));
  expect(at('shop-web')).toBeLessThan(at('order-worker'));
  expect(at('shop-api')).toBeGreaterThanOrEqual(0);
  const shopWeb = panel.getByRole('region', { name: 'shop-web: Services tab' });
  await expect(shopWeb).toContainText('1 ended with an error');
  const shopApi = panel.getByRole('region', { name: 'shop-api: Services tab' });
  await expect(shopApi).toContainText(
    /Swarm service demo-shop_api on local: \d of 3 running/,
  );
  await shopWeb.getByRole('link', { name: 'shop-web: Services tab' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/shop-web\/services$/,
  );
});

// A job of shop-web whose run fails (exit code 3): the backend records the
// run from Docker's events, and the page lists it with the failing jobs.
const FAILED_JOB = 'dockerpage-job-failed-1';

test.describe('with a failing job', () => {
  test.beforeAll(() => {
    const id = createTestContainer({
      name: FAILED_JOB,
      labels: [
        LABEL,
        'docker-services.job=true',
        'docker-services.entity=component:default/shop-web',
        'com.docker.compose.project=demo-shop',
        'com.docker.compose.service=web',
      ],
      cmd: ['sh', '-c', 'exit 3'],
    });
    execFileSync('docker', ['start', id]);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the Docker page's services, failing jobs and My services pass axe, ${theme} theme`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await signIn(page);
      await page.goto('/docker');
      const find = page.getByRole('tabpanel', { name: 'Find a container' });
      // The empty search lists every Swarm service and failing job too.
      // Its row among the failing jobs (its container has a row of its own).
      const job = find.getByTestId(`failing-job-${FAILED_JOB}`);
      await expect(async () => {
        await page.reload();
        await expect(job).toContainText(/Last run failed .*exit code 3/, {
          timeout: 2_000,
        });
      }).toPass({ timeout: 30_000 });
      await expect(
        job.getByRole('link', { name: 'shop-web: Services tab' }),
      ).toBeVisible();
      await expect(
        find.getByRole('row', { name: /^demo-shop_api/ }),
      ).toBeVisible();
      await expectNoSeriousViolations(
        page,
        `${theme}: Docker page, services and jobs`,
      );

      await page.getByRole('tab', { name: 'My services' }).click();
      const mine = page.getByRole('tabpanel', { name: 'My services' });
      const shopWeb = mine.getByRole('region', {
        name: 'shop-web: Services tab',
      });
      await expect(shopWeb).toContainText(
        `Job ${FAILED_JOB} on local: Last run failed`,
      );
      // Its failing job puts shop-web before what runs (order-worker, and
      // shop-api unless none of its tasks runs).
      const shown = await mine
        .getByRole('region')
        .evaluateAll(regions =>
          regions.map(r => r.getAttribute('aria-labelledby') ?? ''),
        );
      const at = (name: string) =>
        shown.findIndex(labelId => labelId.endsWith(`-${name}`));
      expect(at('shop-web')).toBeLessThan(at('order-worker'));
      expect(at('shop-web')).toBeLessThan(at('shop-api'));
      await expect(
        mine.getByRole('region', { name: 'shop-api: Services tab' }),
      ).toContainText('Swarm service demo-shop_api');
      await expectNoSeriousViolations(page, `${theme}: My services`);
    });
  }
});
