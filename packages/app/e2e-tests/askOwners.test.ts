import { APIRequest, Browser, expect, Page, test } from '@playwright/test';
import { backendURL, E2eUser } from './backends';
import { dockerStartedAt, signedInApi, signIn } from './helpers';

// Across users, each on their own backend in a browser context of their own:
// bob (team-data) may read shop-web but not act on it, and asks its owners
// to restart demo-shop-web-1; alice (team-shop, its owner) finds the request
// on her Notifications page, follows it to the confirmation and restarts.
// The e2e backends share one notifications store, as replicas of one portal
// do (e2e/app-config.e2e.yaml). Carol (admins) may act on shop-web but does
// not own it: like bob, she is not asked. demo-shop-web-1 ends running.

async function signedInPage(browser: Browser, user: E2eUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: backendURL(user) });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

/** How many of the user's notifications mention `text`, by their backend's API. */
async function notificationsMentioning(
  request: APIRequest,
  user: E2eUser,
  text: string,
): Promise<number> {
  const api = await signedInApi(request, backendURL(user));
  const response = await api.get('/api/notifications/notifications', {
    params: { search: text },
  });
  expect(response.status()).toBe(200);
  const { totalCount } = await response.json();
  await api.dispose();
  return totalCount;
}

test('a non-owner asks the owners to restart; an owner follows the notification and restarts', async ({
  browser,
  playwright,
}, testInfo) => {
  const stamp = Date.now();
  const askReason = `e2e ${stamp}: checkout answers slowly`;
  const restartReason = `e2e ${stamp}: as Bob asked`;

  // Bob asks, with a reason.
  const bob = await signedInPage(browser, 'nonOwner');
  await bob.goto('/catalog/default/component/shop-web/services');
  const bobsRow = bob.getByRole('row', { name: /^demo-shop-web-1/ });
  await expect(bobsRow).toContainText(/Running for/);
  const ask = bobsRow.getByRole('button', {
    name: 'Ask the owners to restart demo-shop-web-1',
  });
  await ask.click();
  const askDialog = bob.getByRole('dialog', {
    name: 'Ask the owners to restart demo-shop-web-1',
  });
  const send = askDialog.getByRole('button', { name: 'Send to the owners' });
  await expect(send).toBeDisabled();
  await expect(askDialog).toContainText('Send stays disabled until you do');
  await askDialog.getByLabel(/Reason/).fill(askReason);
  await send.click();
  await expect(askDialog.getByRole('status')).toContainText(
    'The owners of shop-web were asked to restart demo-shop-web-1.',
  );
  await bob.screenshot({
    path: testInfo.outputPath('ask-owners-sent.png'),
    fullPage: true,
  });
  await askDialog.getByRole('button', { name: 'Close' }).click();
  await expect(
    bob.getByRole('row', { name: new RegExp(askReason) }),
  ).toContainText('Asked the owners');

  // Having asked, Bob is told so instead of being offered a second ask.
  await expect(bobsRow).toContainText('You asked the owners to restart it');
  await expect(ask).toHaveCount(0);

  // Alice, on her own backend, finds it among her notifications.
  const alice = await signedInPage(browser, 'owner');
  await alice.goto('/notifications');
  const notification = alice
    .getByRole('row')
    .filter({ hasText: `bob wrote: "${askReason}"` });
  const link = notification.getByRole('link', {
    name: 'bob asks you to restart demo-shop-web-1',
  });
  await expect(link).toBeVisible();
  await alice.screenshot({
    path: testInfo.outputPath('ask-owners-notification.png'),
    fullPage: true,
  });

  // It opens the Services tab with the restart ready to confirm, once.
  const startedBefore = dockerStartedAt('demo-shop-web-1');
  await link.click();
  const confirm = alice.getByRole('dialog', {
    name: 'Restart demo-shop-web-1?',
  });
  await expect(confirm).toContainText(
    'Restarting demo-shop-web-1 stops it for a few seconds',
  );
  await expect(confirm.getByTestId('dependents')).toContainText(/shop-web/);
  await expect(alice).toHaveURL(
    /\/catalog\/default\/component\/shop-web\/services$/,
  );

  await confirm.getByLabel(/Reason/).fill(restartReason);
  await confirm.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(
    alice
      .getByRole('region', { name: /notification/i })
      .getByText('demo-shop-web-1 was restarted.'),
  ).toBeVisible();
  const alicesRow = alice.getByRole('row', { name: /^demo-shop-web-1/ });
  await expect(alicesRow).toContainText(
    /Running for (less than a second|\d+ seconds?)/,
  );
  expect(dockerStartedAt('demo-shop-web-1')).not.toBe(startedBefore);
  const history = alice.getByRole('row', { name: new RegExp(restartReason) });
  await expect(history).toContainText('Restart demo-shop-web-1');
  await expect(history).toContainText('Alice Andersson');
  await expect(history).toContainText('Done');
  await alice.screenshot({
    path: testInfo.outputPath('ask-owners-restarted.png'),
    fullPage: true,
  });

  // The link was used up: the tab, read again, asks nothing.
  await alice.reload();
  await expect(alicesRow).toContainText(/Running for/);
  await expect(alice.getByRole('dialog')).toHaveCount(0);

  // Only the owners were asked: the store all backends share holds it for
  // alice, and for neither bob nor carol.
  const request = playwright.request;
  expect(await notificationsMentioning(request, 'owner', askReason)).toBe(1);
  expect(await notificationsMentioning(request, 'nonOwner', askReason)).toBe(0);
  expect(await notificationsMentioning(request, 'admin', askReason)).toBe(0);

  await bob.context().close();
  await alice.context().close();
});
