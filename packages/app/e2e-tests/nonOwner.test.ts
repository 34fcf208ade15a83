import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Signed in as bob, of team-data, which does not own shop-web.
test('a non-owner sees the containers but the buttons are disabled, with the reason', async ({
  page,
}, testInfo) => {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  const row = page.getByRole('row', { name: /^demo-shop-web-1/ });
  await expect(row).toContainText(/Running for/);

  for (const action of ['Start', 'Stop', 'Restart']) {
    await expect(
      row.getByRole('button', {
        name: `${action} demo-shop-web-1`,
        exact: true,
      }),
    ).toBeDisabled();
  }
  await row
    .getByRole('button', { name: 'Restart demo-shop-web-1', exact: true })
    .locator('..')
    .hover();
  await expect(page.getByRole('tooltip')).toContainText(
    'Only Shop team can start, stop or restart these. Ask them.',
  );
  await page.screenshot({
    path: testInfo.outputPath('non-owner-disabled.png'),
    fullPage: true,
  });
});

test('a non-owner acts on the components their team owns', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/component/nightly-report/services');
  const row = page.getByRole('row', { name: /^demo-data-report-1/ });
  await expect(
    row.getByRole('button', { name: 'Start demo-data-report-1', exact: true }),
  ).toBeEnabled();
});

test('an owner reads why a job stopped, with its last lines, and opens the logs at that moment', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/nightly-report/services');
  const row = page.getByRole('row', { name: /^demo-data-report-1/ });
  await expect(row).toContainText(/Exited/);
  await row.getByRole('button', { name: /^Why did it stop\?/ }).click();
  const dialog = page.getByRole('dialog', {
    name: 'demo-data-report-1: Why did it stop?',
  });
  await expect(dialog.getByTestId('diagnosis-summary')).toContainText(/\w/);
  await expect(dialog.getByTestId('diagnosis-docker-terms')).toContainText(
    "In Docker's terms:",
  );
  await expect(dialog.getByTestId('diagnosis-lines')).toContainText(
    /\[(stdout|stderr)\]/,
  );
  await dialog
    .getByRole('button', { name: 'Open the logs at this moment' })
    .click();
  const logs = page.getByRole('dialog', { name: 'Logs of demo-data-report-1' });
  await expect(logs).toContainText(/up to/);
  await expect(logs.getByTestId('log-status')).toHaveText('Complete');
});
