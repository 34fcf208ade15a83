import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, signIn, useTheme } from './helpers';

// Signed in as bob, of team-data, which does not own shop-web: the reason
// the buttons are disabled is a line of text next to them, with the owner
// linked, and the same text is the buttons' accessible description.
const why = 'Only Shop team can start, stop or restart these. Ask them.';

for (const theme of ['light', 'dark'] as const) {
  test(`a non-owner's tab passes axe and says why, in text (${theme} theme)`, async ({
    page,
  }) => {
    await useTheme(page, theme);
    await signIn(page);
    await page.goto('/catalog/default/component/shop-web/services');
    const row = page.getByRole('row', { name: /^demo-shop-web-1/ });
    await expect(row).toContainText(/Running|Exited|Restarting/);

    const note = page.getByTestId('permission-note');
    await expect(note).toHaveText(why);
    await expect(note.getByRole('link', { name: 'Shop team' })).toBeVisible();
    for (const action of ['Start', 'Stop', 'Restart']) {
      const button = row.getByRole('button', {
        name: `${action} demo-shop-web-1`,
        exact: true,
      });
      await expect(button).toBeDisabled();
      await expect(button).toHaveAccessibleDescription(why);
    }
    await expectNoSeriousViolations(page, `${theme}: the non-owner's tab`);
  });
}

test('no such line where the user may act', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/component/nightly-report/services');
  await expect(
    page
      .getByRole('row', { name: /^demo-data-report-1/ })
      .getByRole('button', { name: 'Start demo-data-report-1', exact: true }),
  ).toBeEnabled();
  await expect(page.getByTestId('permission-note')).toHaveCount(0);
});
