import { expect, test } from '@playwright/test';
import { dockerContainerId, dockerStartedAt, signIn } from './helpers';

// Signed in as alice, of team-shop, which owns shop-web.
test('an owner restarts a container and sees its new state and the history row', async ({
  page,
}, testInfo) => {
  const startedAt = () => dockerStartedAt('demo-shop-web-1');
  const before = startedAt();

  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  const row = page.getByRole('row', { name: /^demo-shop-web-1/ });
  await expect(row).toBeVisible();

  await row
    .getByRole('button', { name: 'Restart demo-shop-web-1', exact: true })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    'Restarting demo-shop-web-1 stops it for a few seconds',
  );
  await dialog.getByLabel(/Reason/).fill('e2e: checking restart');
  await dialog.getByRole('button', { name: 'Restart' }).click();

  // Shown (a toast), and announced to screen readers (the live region).
  await expect(
    page
      .getByRole('region', { name: /notification/i })
      .getByText('demo-shop-web-1 was restarted.'),
  ).toBeVisible();
  await expect(page.getByTestId('live-announcements')).toContainText(
    'demo-shop-web-1 was restarted.',
  );
  await expect(row).toContainText(
    /Running for (less than a second|\d+ seconds?)/,
  );
  expect(startedAt()).not.toBe(before);

  const history = page
    .getByRole('row', { name: /ago .*Restart demo-shop-web-1/ })
    .first();
  await expect(history).toContainText('e2e: checking restart');
  await expect(history).toContainText('Alice Andersson');
  await expect(history).toContainText('Done');

  await page.screenshot({
    path: testInfo.outputPath('owner-after-restart.png'),
    fullPage: true,
  });
});

// The confirmation a stop link opens (the kind an ask-the-owners
// notification carries); cancelled, the demo containers are shared.
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
