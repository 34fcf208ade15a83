import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import {
  createTestContainer,
  dockerContainerId,
  removeTestContainers,
  searchDockerPage,
  signIn,
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

test('My services lists the owner’s entities, the one needing attention first', async ({
  page,
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
  const cards = panel.getByRole('region');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0)).toHaveAccessibleName('daily-orders: Services tab');
  await expect(cards.nth(1)).toHaveAccessibleName('shop-web: Services tab');
  await expect(cards.nth(1)).toContainText('1 ended with an error');
  await expect(cards.nth(2)).toHaveAccessibleName('order-worker: Services tab');
  await cards
    .nth(1)
    .getByRole('link', { name: 'shop-web: Services tab' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/shop-web\/services$/,
  );
});
