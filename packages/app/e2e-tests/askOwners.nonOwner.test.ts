import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Signed in as bob, of team-data: he may read shop-web's containers but not
// act on them, and owns nightly-report. The notification to the shop team
// lands in this backend's notifications store, which alice cannot read from
// here (each e2e backend signs in one user); askOwners.owner.test.ts follows
// the link it carries on alice's backend.
test('a non-owner asks the owners to restart, with a reason, and the request is in the history', async ({
  page,
}, testInfo) => {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  const row = page.getByRole('row', { name: /^demo-shop-web-1/ });
  await expect(row).toContainText(/Running for/);

  await row
    .getByRole('button', { name: 'Ask the owners to restart demo-shop-web-1' })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Ask the owners to restart demo-shop-web-1',
  });
  const send = dialog.getByRole('button', { name: 'Send to the owners' });
  await expect(send).toBeDisabled();
  await expect(dialog).toContainText('Send stays disabled until you do');
  const reason = `e2e ${Date.now()}: checkout answers slowly`;
  await dialog.getByLabel(/Reason/).fill(reason);
  await send.click();
  await expect(dialog.getByRole('status')).toContainText(
    'The owners of shop-web were asked to restart demo-shop-web-1.',
  );
  await page.screenshot({
    path: testInfo.outputPath('ask-owners-sent.png'),
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const history = page.getByRole('row', { name: new RegExp(reason) });
  await expect(history).toContainText('Asked the owners');

  // Asking again at once is refused, in a sentence, in the dialog.
  await row
    .getByRole('button', { name: 'Ask the owners to restart demo-shop-web-1' })
    .click();
  await dialog.getByLabel(/Reason/).fill('again');
  await dialog.getByRole('button', { name: 'Send to the owners' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Not sent: You asked the owners about demo-shop-web-1 a moment ago',
  );
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
