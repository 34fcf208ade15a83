import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, signIn } from './helpers';

// Signed in as alice, of team-shop: she owns daily-orders, whose three job
// containers make the demo's pipeline import -> clean -> report (their
// labels docker-services.job.after). She runs it, sees the grid's new
// column fail at the report, opens the report's log from its cell, runs
// the pipeline again from the report, and sees that column turn green.
const IMPORT = 'demo-orders-import-1';
const REPORT = 'demo-orders-report-1';

test('an owner runs the pipeline, opens the failed step from the grid and runs it again from there', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto('/catalog/default/component/daily-orders/services');
  const card = page.getByTestId('pipeline-summary');
  await expect(
    page.getByRole('heading', { name: `Pipeline ${IMPORT} on host local` }),
  ).toBeVisible();

  // Run now on the first step runs the pipeline.
  await page
    .getByRole('button', { name: `Run now: ${IMPORT}`, exact: true })
    .click();
  const confirm = page.getByRole('dialog', { name: `Run ${IMPORT} now?` });
  await confirm
    .getByRole('textbox', { name: /^Reason/ })
    .fill('e2e: daily run');
  await confirm.getByRole('button', { name: 'Run now' }).click();
  await expect(confirm).toBeHidden();

  // The newest column (the last one) fails at the report, live.
  await expect(card).toContainText(
    `Last pipeline run: failed at ${REPORT} (code 3) after ${IMPORT} and demo-orders-clean-1 succeeded`,
    { timeout: 60_000 },
  );
  const grid = page.getByRole('table', {
    name: /^Steps of demo-orders-import-1/,
  });
  const reportRow = grid
    .getByTestId('pipeline-step')
    .filter({ hasText: REPORT });
  const newest = reportRow.getByRole('cell').last();
  await expect(newest).toHaveText('failed');
  await expectNoSeriousViolations(page, 'the pipeline grid');

  // Its cell opens the report's run log.
  await newest
    .getByRole('button', {
      name: /^failed: log of demo-orders-report-1 in pipeline run \d+ /,
    })
    .click();
  const log = page.getByRole('dialog', {
    name: /^Log of run \d+ of demo-orders-report-1$/,
  });
  await expect(log).toContainText("ERROR today's exchange rates are missing");
  await expect(log.getByTestId('log-status')).toHaveText('Complete');
  await log.getByRole('button', { name: 'Close logs' }).click();

  // Run again from the report: only it runs, the column turns green.
  await page
    .getByRole('button', {
      name: /^Run again from a step… \(pipeline run \d+ of demo-orders-import-1\)$/,
    })
    .click();
  const again = page.getByRole('dialog', { name: /again from a step\?$/ });
  await expect(again.getByLabel('Run again from')).toHaveValue(REPORT);
  await expect(again).toContainText(`${REPORT} runs again`);
  await again
    .getByRole('textbox', { name: /^Reason/ })
    .fill('e2e: the rates are in');
  await expectNoSeriousViolations(page, 'the run-again dialog');
  await again.getByRole('button', { name: `Run again from ${REPORT}` }).click();
  await expect(again).toBeHidden();
  await expect(newest).toHaveText('succeeded', { timeout: 60_000 });
  await expect(card).toContainText(/Last pipeline run: succeeded: /);
  await expect(card).toContainText(
    `again from ${REPORT}: e2e: the rates are in`,
  );
});
