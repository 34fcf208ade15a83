import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import {
  createTestContainer,
  expectNoSeriousViolations,
  removeTestContainers,
  signIn,
} from './helpers';

// Live charts in the container details: a container of this spec, bound to
// shop-web (which the owner alice's team owns), waits idle until told, then
// burns a CPU core; its CPU chart's summary must rise.
const LABEL = 'docker-services.test=liveCharts';
const NAME = 'livecharts-shop-web-busy-1';
const BURN_WHEN_TOLD =
  'while [ ! -f /tmp/burn ]; do sleep 0.2; done; while :; do :; done';

test.beforeAll(() => {
  removeTestContainers(LABEL);
  const id = createTestContainer({
    name: NAME,
    labels: [
      LABEL,
      'docker-services.entity=component:default/shop-web',
      'com.docker.compose.project=demo-shop',
      'com.docker.compose.service=web',
    ],
    cmd: ['sh', '-c', BURN_WHEN_TOLD],
  });
  execFileSync('docker', ['start', id]);
});
test.afterAll(() => removeTestContainers(LABEL));

/** The Services tab of shop-web, once it shows the container running. */
async function openTab(page: Page) {
  // The first page load of a freshly built app is slow on a loaded machine.
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  const row = page.getByRole('row', { name: new RegExp(`^${NAME}`) });
  await expect(row).toContainText('Running', { timeout: 30_000 });
  return row;
}

/** The "now" of the CPU summary, in percent. */
const cpuNow = (text: string | null) =>
  Number(/CPU: now ([\d.]+) %/.exec(text ?? '')?.[1] ?? NaN);

test("a container's CPU chart rises while it burns CPU, and says so in words", async ({
  page,
}, testInfo) => {
  const row = await openTab(page);
  await row.getByRole('button', { name: NAME, exact: true }).click();
  const details = page.getByRole('dialog', { name: NAME });
  const cpu = details.getByTestId('cpu-summary');

  // Idle first: a few samples near zero.
  await expect(cpu).toContainText(/over the last \d+ seconds/, {
    timeout: 30_000,
  });
  expect(cpuNow(await cpu.textContent())).toBeLessThan(10);
  await expect(details.getByTestId('memory-summary')).toContainText(
    /Memory: now [\d.]+ \w+ of [\d.]+ \w+ allowed/,
  );
  await expect(details.getByTestId('network-summary')).toContainText(
    /Network: now [\d.]+ \w+\/s in/,
  );
  await expect(
    details.getByTestId('cpu-chart').locator('svg').first(),
  ).toBeVisible();

  // Burn: the summary's "now" rises past a share of a core within seconds.
  execFileSync('docker', ['exec', NAME, 'touch', '/tmp/burn']);
  await expect
    .poll(async () => cpuNow(await cpu.textContent()), { timeout: 30_000 })
    .toBeGreaterThan(25);
  await expect(cpu).toContainText(/highest (\d{2,3})\.\d %/);
  await expect(details.getByTestId('container-stats')).toContainText(
    /Using [\d.]+ % CPU/,
  );

  await details.getByTestId('live-charts').screenshot({
    path: testInfo.outputPath('live-charts.png'),
  });
  await expectNoSeriousViolations(page, 'the details dialog with live charts', {
    include: '[role="dialog"]',
  });
});

test('on the tab, "Show live use" draws each running container and the busy one rises', async ({
  page,
}, testInfo) => {
  await openTab(page);
  // Burning whether or not the first test ran.
  execFileSync('docker', ['exec', NAME, 'touch', '/tmp/burn']);
  const toggle = page.getByRole('button', { name: 'Show live use on local' });
  await toggle.click();
  const section = page.getByTestId('live-use-local');
  const cpu = section
    .getByTestId('live-use-cpu-summary')
    .filter({ hasText: `${NAME}:` });
  const cpuNowOf = async () =>
    Number(
      /: now ([\d.]+) %/.exec((await cpu.textContent()) ?? '')?.[1] ?? NaN,
    );

  // Samples arrive every few seconds.
  await expect(cpu).toContainText(/over the last \d+ seconds/, {
    timeout: 30_000,
  });
  await expect.poll(cpuNowOf, { timeout: 30_000 }).toBeGreaterThan(25);
  await expect(
    section
      .getByTestId('live-use-memory-summary')
      .filter({ hasText: `${NAME}:` }),
  ).toContainText(/now [\d.]+ \w+ of [\d.]+ \w+ allowed/);
  await expect(
    section.getByRole('img', { name: /^CPU .* one line per container$/ }),
  ).toBeVisible();

  await section.screenshot({ path: testInfo.outputPath('live-use-tab.png') });
  await expectNoSeriousViolations(page, 'the live use of a host section', {
    include: '[data-testid="live-use-local"]',
  });

  await page.getByRole('button', { name: 'Hide live use on local' }).click();
  await expect(section).toBeHidden();
});
