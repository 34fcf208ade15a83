import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { expectNoSeriousViolations, signIn } from './helpers';

// Signed in as alice, of team-shop, which owns shop-api: the demo's Swarm
// service demo-shop_api (scripts/demo-up makes the machine's engine a
// single-node Swarm manager). The service is shared with the demo: it is
// scaled down and back to where it was.
const SERVICE = 'demo-shop_api';

/** The replicas Docker itself says the service asks for. */
function dockerReplicas(): number {
  return Number(
    execFileSync(
      'docker',
      [
        'service',
        'inspect',
        '-f',
        '{{.Spec.Mode.Replicated.Replicas}}',
        SERVICE,
      ],
      { encoding: 'utf8' },
    ).trim(),
  );
}

function serviceRow(page: Page) {
  return page.getByTestId('swarm-service').filter({ hasText: SERVICE });
}

async function scaleTo(page: Page, replicas: number, reason: string) {
  await serviceRow(page)
    .getByRole('button', { name: `Scale ${SERVICE}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Scale ${SERVICE}?` });
  await dialog.getByLabel('Replicas').fill(String(replicas));
  await expect(dialog.getByTestId('scale-consequence')).toBeVisible();
  await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

test('an owner sees the Swarm service, its tasks and logs, and scales it down and back', async ({
  page,
}, testInfo) => {
  const before = dockerReplicas();
  await signIn(page);
  await page.goto('/catalog/default/component/shop-api/services');
  const row = serviceRow(page);
  await expect(row).toContainText(`${before} of ${before} running`);
  await expect(
    page.getByRole('table', { name: 'Swarm services on host local' }),
  ).toBeVisible();

  // The tasks, per node, in words.
  await row
    .getByRole('button', { name: new RegExp(`tasks of ${SERVICE}`) })
    .click();
  const tasks = page.locator(`[id^="docker-services-tasks-local-"]`);
  await expect(tasks).toContainText(/Replica 1/);
  await expect(tasks).toContainText(/running/i);
  await expectNoSeriousViolations(page, 'the Swarm services, tasks open');

  // Its logs: every line names its task and node.
  await row.getByRole('button', { name: `Logs of ${SERVICE}` }).click();
  await expect(page.getByTestId('log-status')).toHaveText(/Live/);
  await expect(page.getByTestId('log-viewer')).toContainText(
    new RegExp(`${SERVICE}\\.\\d+@`),
  );
  await page.keyboard.press('Escape');

  // Scale down by one, then back, each with a reason in the history.
  const reason = `e2e ${Date.now()}`;
  await scaleTo(page, before - 1, `${reason} down`);
  await expect(row).toContainText(`${before - 1} of ${before - 1} running`, {
    timeout: 60_000,
  });
  expect(dockerReplicas()).toBe(before - 1);
  await expect(
    page.getByRole('row', { name: new RegExp(`${reason} down`) }),
  ).toContainText(`Scaled ${SERVICE} from ${before} to ${before - 1}`);
  await page.screenshot({
    path: testInfo.outputPath('swarm-scaled.png'),
    fullPage: true,
  });

  await scaleTo(page, before, `${reason} back`);
  await expect(row).toContainText(`${before} of ${before} running`, {
    timeout: 60_000,
  });
  expect(dockerReplicas()).toBe(before);
});
