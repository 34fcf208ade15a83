import { expect, test } from '@playwright/test';
import { dockerContainerId, signIn } from './helpers';

// Signed in as alice, of team-shop, which owns shop-web (lifecycle
// production). The link is the one an "ask the owners" notification carries.
// The dialogs are cancelled: the demo containers are shared with other specs.
test('the link in an ask-the-owners notification opens the confirmation, once', async ({
  page,
}) => {
  const id = dockerContainerId('demo-shop-web-1');
  await signIn(page);
  await page.goto(
    `/catalog/default/component/shop-web/services?confirm=restart&host=local&container=${id}`,
  );
  const dialog = page.getByRole('dialog', {
    name: 'Restart demo-shop-web-1?',
  });
  await expect(dialog).toContainText(
    'Restarting demo-shop-web-1 stops it for a few seconds',
  );
  await expect(dialog.getByTestId('dependents')).toContainText(/shop-web/);
  // The link is used up: the address no longer asks to confirm.
  await expect(page).toHaveURL(/\/services$/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(
    page.getByRole('row', { name: /^demo-shop-web-1/ }),
  ).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('stopping a production service asks for its name first', async ({
  page,
}) => {
  const id = dockerContainerId('demo-shop-web-1');
  await signIn(page);
  await page.goto(
    `/catalog/default/component/shop-web/services?confirm=stop&host=local&container=${id}`,
  );
  const dialog = page.getByRole('dialog', { name: 'Stop demo-shop-web-1?' });
  const stop = dialog.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeDisabled();
  await dialog.getByLabel(/Type shop-web to confirm/).fill('shop-we');
  await expect(stop).toBeDisabled();
  await dialog.getByLabel(/Type shop-web to confirm/).fill('shop-web');
  await expect(stop).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});
