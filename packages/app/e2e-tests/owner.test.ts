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

// Stopping a container of a production component asks for the container's
// own name; cancelled, the demo containers are shared. A link can open
// only what an ask produces (a start or a restart), never a stop.
test('stopping a production container asks for its own name first', async ({
  page,
}) => {
  const id = dockerContainerId('demo-shop-web-1');
  await signIn(page);
  await page.goto(
    `/catalog/default/component/shop-web/services?confirm=stop&host=local&container=${id}`,
  );
  const row = page.getByRole('row', { name: /^demo-shop-web-1/ });
  await expect(row).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await row
    .getByRole('button', { name: 'Stop demo-shop-web-1', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Stop demo-shop-web-1?' });
  const stop = dialog.getByRole('button', { name: 'Stop', exact: true });
  const name = dialog.getByLabel(/Type demo-shop-web-1 to confirm/);
  await expect(name).toBeFocused();
  await expect(stop).toBeDisabled();
  await name.fill('shop-web');
  await expect(stop).toBeDisabled();
  await expect(dialog).toContainText('Type demo-shop-web-1 exactly');
  await name.fill('demo-shop-web-1');
  await expect(stop).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});
