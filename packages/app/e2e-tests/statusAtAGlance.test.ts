import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, signIn, useTheme } from './helpers';

// Signed in as alice, of team-shop, which owns shop-web, order-worker,
// shop-api, daily-orders and shop-docs (no docker-services annotation). The
// overview card and the catalog column read the batched status route.

const STATUS_ROUTE = '/api/docker-services/entities/status';

for (const theme of ['light', 'dark'] as const) {
  test(`the overview card says what runs, links to the tab, and passes axe (${theme})`, async ({
    page,
  }) => {
    await useTheme(page, theme);
    await signIn(page);
    await page.goto('/catalog/default/component/shop-web');
    const lines = page.getByTestId('docker-services-status');
    await expect(lines).toContainText(/\d+ of 2 containers running/);
    const link = page.getByRole('link', { name: /Open the Services tab/ });
    await expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/shop-web/services',
    );
    await expectNoSeriousViolations(page, `${theme}: the overview card`);
    await link.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/shop-web\/services$/,
    );
  });
}

test('the overview card does not render for a component without the annotations', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-docs');
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.getByText('Docker services')).toHaveCount(0);
});

test("the catalog column shows each row's state in words, from one request for the rows shown", async ({
  page,
}) => {
  const asked: string[][] = [];
  page.on('request', request => {
    if (request.url().endsWith(STATUS_ROUTE)) {
      asked.push(request.postDataJSON().entityRefs);
    }
  });
  await signIn(page);
  // The demo's catalog page is the start page, its table the owned components.
  await expect(
    page.getByRole('columnheader', { name: 'Docker' }),
  ).toBeVisible();
  const row = (name: string) =>
    page.getByRole('row').filter({
      has: page.getByRole('link', { name, exact: true }),
    });
  await expect(row('shop-web')).toContainText(/\d+ of 2 running/);
  await expect(row('order-worker')).toContainText(/\d+ of 1 running/);
  await expect(row('shop-docs')).not.toContainText(/running|failed|answering/);
  expect(asked).toHaveLength(1);
  expect(asked[0]).toEqual(
    expect.arrayContaining([
      'component:default/shop-web',
      'component:default/order-worker',
    ]),
  );
  expect(asked[0]).not.toContain('component:default/shop-docs');
  // The cells only: the catalog's own sortable headers are a known
  // nested-interactive finding of Backstage's table, with or without the column.
  await expectNoSeriousViolations(page, 'the Docker column', {
    include: '[data-testid="docker-status-cell"]',
  });
});
