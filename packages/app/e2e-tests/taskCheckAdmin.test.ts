import { expect, Locator, test } from '@playwright/test';
import { signIn } from './helpers';

// Signed in as carol, of the admins group, which may act on every
// component. The task, as an admin would put it: "find who owns
// partner-gateway and restart it". Done with role-based selectors only, in
// at most four interactions after the catalog has loaded.
test('an admin finds who owns partner-gateway and restarts it, in four interactions', async ({
  page,
}) => {
  await signIn(page);
  // The catalog's index is the home page; all components, not only mine.
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');

  let interactions = 0;
  const interact = async (target: Locator) => {
    interactions++;
    await target.click();
  };

  await interact(page.getByRole('link', { name: 'partner-gateway' }).first());
  await interact(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Services' }),
  );

  // Who owns it: said on the tab, next to the containers, linked.
  const main = page.getByRole('main');
  await expect(
    main.getByText(/^Owned by (Data team|team-data)\./),
  ).toBeVisible();
  await expect(
    main.getByRole('link', { name: /^(Data team|team-data)$/ }).first(),
  ).toBeVisible();

  await interact(
    page.getByRole('button', {
      name: 'Restart demo-data-gateway-1',
      exact: true,
    }),
  );
  await interact(
    page
      .getByRole('dialog', { name: 'Restart demo-data-gateway-1?' })
      .getByRole('button', { name: 'Restart', exact: true }),
  );

  // The gateway ignores SIGTERM: Docker kills it after the stop timeout.
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'demo-data-gateway-1 was restarted.' }),
  ).toHaveCount(1, { timeout: 45_000 });
  await expect(
    page.getByRole('row', { name: /^demo-data-gateway-1/ }),
  ).toContainText(/Running for/);
  expect(interactions).toBeLessThanOrEqual(4);
});
