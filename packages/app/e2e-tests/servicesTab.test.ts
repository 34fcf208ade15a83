import { expect, test } from '@playwright/test';
import { dockerContainerNames, signIn } from './helpers';

test('the Services tab lists the containers Docker runs for a component', async ({
  page,
}, testInfo) => {
  const expected = dockerContainerNames([
    'com.docker.compose.project=demo-shop',
    'com.docker.compose.service=web',
  ]);
  expect(expected).toHaveLength(2);

  await signIn(page);
  await page.goto('/catalog/default/component/shop-web');
  await page.getByRole('link', { name: 'Services' }).click();

  await expect(page.getByText('Host local')).toBeVisible();
  const names = page.getByTestId('container-name');
  await expect(names).toHaveText(expected);
  await expect(page.getByTestId('row-state').first()).toBeVisible();
  await expect(
    page.getByRole('row', { name: /^demo-shop-web-1/ }),
  ).toContainText(/Running for .*/);
  await expect(page.getByTestId('owner-line')).toContainText('Shop team');

  await page.screenshot({
    path: testInfo.outputPath('services-tab.png'),
    fullPage: true,
  });
});

test('a component that exited shows its exit code in words', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/nightly-report/services');
  await expect(page.getByTestId('container-name')).toHaveText([
    'demo-data-report-1',
  ]);
  const row = page.getByRole('row', { name: /^demo-data-report-1/ });
  await expect(row.getByTestId('row-state')).toBeVisible();
  await expect(row).toContainText(
    /Exited .* with code 3: the program reported an error/,
  );
});

test('a component without the annotation has no Services tab', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-docs');
  await expect(page.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Services' })).toHaveCount(0);
});
