import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, signIn } from './helpers';

// Signed in as bob, of team-data: he may read shop-api (team-shop's Swarm
// service demo-shop_api) and its logs, but neither scale nor restart it.
test('a non-owner sees the Swarm service and why he may not scale or restart it', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-api/services');
  const row = page
    .getByTestId('swarm-service')
    .filter({ hasText: 'demo-shop_api' });
  await expect(row).toContainText(/\d+ of \d+ running/);
  for (const name of [
    'Scale demo-shop_api',
    'Rolling restart of demo-shop_api',
  ]) {
    const button = row.getByRole('button', { name });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/Ask them/);
  }
  await expect(
    row.getByRole('button', { name: 'Logs of demo-shop_api' }),
  ).toBeEnabled();
  await expectNoSeriousViolations(page, "a non-owner's Swarm services");
});
