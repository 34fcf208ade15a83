import { expect, Page, test } from '@playwright/test';
import { signIn, withHistoryRows } from './helpers';

// Signed in as alice, who owns shop-web and order-worker. Everything after
// the page loads is done with the keyboard alone; focus is always visible
// and comes back to the control that opened each dialog.
const LABEL = 'docker-services.test=keyboard';

// More than a page (10) of history.
withHistoryRows(LABEL, 11);

/** The focused element's accessible name, roughly: its label or its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelledBy = el.getAttribute('aria-labelledby');
    const label = (el as HTMLInputElement).labels?.[0];
    return (
      el.getAttribute('aria-label') ??
      (labelledBy && document.getElementById(labelledBy)?.textContent) ??
      label?.textContent ??
      el.textContent ??
      ''
    ).trim();
  });

/** Whether the focused element shows that it has focus. */
const focusIsVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || !el.matches(':focus-visible'))
      return false;
    const style = getComputedStyle(el);
    return (
      (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') ||
      el.classList.contains('Mui-focusVisible') ||
      el.closest('.Mui-focused') !== null
    );
  });

/**
 * Presses Tab (or Shift+Tab) until the control named `name` has focus, at
 * most `limit` times; returns how many presses it took.
 */
async function tabTo(
  page: Page,
  name: string,
  options: { backwards?: boolean; limit?: number } = {},
): Promise<number> {
  const limit = options.limit ?? 120;
  const visited: string[] = [];
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusedName(page);
    if (focused === name) {
      expect(await focusIsVisible(page), `focus visible on ${name}`).toBe(true);
      return i;
    }
    visited.push(focused.slice(0, 40) || '(nothing)');
  }
  // Where the focus went instead, to tell a trap that let go from a
  // control that is missing.
  throw new Error(
    `"${name}" did not get the focus in ${limit} presses; it went to: ${[
      ...new Set(visited),
    ]
      .slice(0, 30)
      .join(' | ')}`,
  );
}

/** Tab presses from the tab's top to the first row's Restart, at most. */
const TABS_TO_FIRST_ACTION = 8;

test('an owner restarts, reads and downloads logs, and pages the history with the keyboard alone', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  const restart = page.getByRole('button', {
    name: 'Restart demo-shop-web-1',
    exact: true,
  });
  await expect(restart).toBeEnabled();

  // From the tab's top, the first stop skips the owner line, the refresh
  // button and the sortable headings to the first row's actions.
  await page.getByRole('link', { name: 'Services', exact: true }).focus();
  let presses = await tabTo(page, 'Skip to the actions', { limit: 1 });
  // Out of sight until it has the focus, then shown.
  expect(
    await page.evaluate(
      () => getComputedStyle(document.activeElement!).clipPath,
    ),
  ).toBe('none');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('button', { name: 'Logs of demo-shop-web-1' }),
  ).toBeFocused();
  presses += await tabTo(page, 'Restart demo-shop-web-1', {
    limit: TABS_TO_FIRST_ACTION - presses,
  });
  expect(presses).toBeLessThanOrEqual(TABS_TO_FIRST_ACTION);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', {
    name: 'Restart demo-shop-web-1?',
  });
  await expect(confirm).toBeVisible();
  // The dialog opens with the focus in its first field, the reason.
  await expect(
    confirm.getByLabel('Reason (optional, shown in the history)'),
  ).toBeFocused();
  await page.keyboard.type('keyboard only');
  // Then Cancel, then Restart.
  await tabTo(page, 'Restart', { limit: 2 });
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(restart).toBeFocused();
  // The result is announced politely, as well as shown.
  await expect(page.getByTestId('live-announcements')).toContainText(
    'demo-shop-web-1 was restarted.',
    { timeout: 30_000 },
  );
  await expect(
    page.getByRole('row', { name: /Restart demo-shop-web-1.*keyboard only/ }),
  ).toBeVisible();

  await page.goto('/catalog/default/component/order-worker/services');
  const logs = page.getByRole('button', { name: 'Logs of demo-shop-worker-1' });
  await expect(logs).toBeEnabled();
  await tabTo(page, 'Logs of demo-shop-worker-1');
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', {
    name: 'Logs of demo-shop-worker-1',
  });
  await expect(drawer.getByTestId('log-status')).toHaveText(/Live/);
  await tabTo(page, 'Search the log');
  await page.keyboard.type('processed job');
  await page.keyboard.press('Enter');
  await expect(drawer).toContainText(/\d+\/\d+/);
  await tabTo(page, 'Download logs');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await downloading).suggestedFilename()).toMatch(
    /^demo-shop-worker-1_.*\.log$/,
  );
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(logs).toBeFocused();

  await tabTo(page, 'Show older actions');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('row', { name: /accessibility check 0/ }),
  ).toBeVisible();
  // Focus stays on the button, or moves to the line that replaces it.
  await expect(
    page
      .getByText(/^All \d+ actions are shown\.$/)
      .or(page.getByRole('button', { name: 'Show older actions' })),
  ).toBeFocused();
});
