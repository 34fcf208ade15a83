import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, signIn } from './helpers';

// Signed in as bob, of team-data: he owns nightly-report, whose container
// demo-data-report-1 is a job (docker-services.job=true). He sets a
// schedule, sees the run it starts appear, opens that run's own log, and
// removes the schedule again (the e2e config allows a tick every 5 s).
test("a job's owner schedules it, sees the run appear and opens its log", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page);
  await page.goto('/catalog/default/component/nightly-report/services');
  await expect(
    page.getByRole('heading', {
      name: 'Job demo-data-report-1 on host local',
    }),
  ).toBeVisible();

  await page
    .getByRole('button', { name: 'Schedule demo-data-report-1', exact: true })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Schedule demo-data-report-1',
  });
  await dialog.getByRole('radio', { name: 'A cron expression' }).check();
  await dialog
    .getByRole('textbox', { name: 'Cron expression' })
    .fill('*/5 * * * * *');
  await dialog.getByRole('textbox', { name: 'Time zone' }).fill('UTC');
  await dialog
    .getByRole('textbox', { name: /^Reason/ })
    .fill('e2e: a run every 5 seconds');
  await expectNoSeriousViolations(page, 'the schedule dialog');
  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/every 5 seconds \(UTC\)/).first()).toBeVisible();

  // A run the schedule started appears, live, in the runs table.
  const runs = page.getByRole('table', { name: 'Runs of demo-data-report-1' });
  const scheduled = runs
    .getByTestId('job-run')
    .filter({ hasText: 'the schedule' })
    .filter({ hasText: /Failed after .* with code 3/ })
    .first();
  await expect(scheduled).toBeVisible({ timeout: 60_000 });
  await scheduled.getByRole('button', { name: /^Log of run \d+/ }).click();
  const log = page.getByRole('dialog', {
    name: /^Log of run \d+ of demo-data-report-1$/,
  });
  await expect(log).toContainText('report: generating nightly report');
  await expect(log).toContainText('report: connection refused, giving up');
  await expect(log.getByTestId('log-status')).toHaveText('Complete');
  await expectNoSeriousViolations(page, "a scheduled run's log");
  await log.getByRole('button', { name: 'Close logs' }).click();

  // Remove the schedule, so that the other specs see the job at rest.
  await page
    .getByRole('button', { name: 'Schedule demo-data-report-1', exact: true })
    .click();
  await dialog.getByRole('textbox', { name: /^Reason/ }).fill('e2e done');
  await dialog.getByRole('button', { name: 'Remove schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('No schedule').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'the jobs section with runs');
});
