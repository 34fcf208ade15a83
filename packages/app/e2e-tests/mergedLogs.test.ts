import { expect, Page, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expectNoSeriousViolations, signIn, useTheme } from './helpers';

// Signed in as alice, who owns shop-web: two demo containers on host
// "local" (demo-shop-web-1 and -2, one Compose project), whose web servers
// log each health check. "Logs of all containers on local" opens one log
// for both, each line tagged with its container's short name (web-1,
// web-2); the search narrows the lines, the download holds the same ones,
// and the drawer passes axe in the light and the dark theme.

async function openMergedLog(page: Page) {
  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  await page
    .getByRole('button', { name: 'Logs of all containers on local' })
    .click();
  const viewer = page.getByTestId('log-viewer');
  await expect(viewer).toBeVisible();
  return viewer;
}

/** The last line a container wrote to stderr (the web's httpd logs there). */
function lastStderrLineOf(container: string): string {
  return spawnSync('docker', ['logs', '--tail', '5', container], {
    encoding: 'utf8',
  })
    .stderr.trim()
    .split('\n')
    .pop()!;
}

test('one log for all the containers: tagged, searched, downloaded', async ({
  page,
}, testInfo) => {
  const viewer = await openMergedLog(page);
  // Each container's lines carry its short name.
  await expect(viewer.getByText(/web-1/).first()).toBeVisible();
  await expect(viewer.getByText(/web-2/).first()).toBeVisible();
  const total = Number(
    (await page.getByTestId('log-line-count').innerText()).match(/^(\d+)/)![1],
  );
  expect(total).toBeGreaterThan(1);

  // A health check of web-2 (its client port makes it one line or so).
  const latest = lastStderrLineOf('demo-shop-web-2');
  expect(latest).toMatch(/^\[::ffff:127\.0\.0\.1\]:\d+: /);
  const term = latest.match(/^\[[^\]]+\]:\d+:/)![0];
  const search = viewer.getByPlaceholder(/search/i);
  await search.fill(term);
  // The search scrolls the list to the line.
  await expect(viewer.getByText(term).first()).toBeVisible();
  // "k/n": n lines match, fewer than the log holds.
  const results = viewer.getByText(/^\d+\/\d+$/);
  await expect(results).toBeVisible();
  const matching = Number((await results.innerText()).split('/')[1]);
  expect(matching).toBeGreaterThan(0);
  expect(matching).toBeLessThan(total);
  // DOCS_SCREENSHOTS=1 refreshes the README's picture of the drawer.
  await page.screenshot({
    path: process.env.DOCS_SCREENSHOTS
      ? path.resolve(__dirname, '../../../docs/merged-log.png')
      : testInfo.outputPath('merged-log.png'),
  });

  const downloading = page.waitForEvent('download');
  await viewer.getByRole('button', { name: /download/i }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^shop-web_all-containers_[\dT-]+_to_[\dT-]+\.log$/,
  );
  const file = fs.readFileSync(await download.path(), 'utf8');
  const lines = file.split('\n').filter(line => line.trim() !== '');
  // The same lines: as many as matched, each tagged with its container's
  // full name and holding the term, web-2's health check among them (a
  // client port can recur, in either container's lines).
  expect(lines).toHaveLength(matching);
  for (const line of lines) {
    expect(line).toMatch(/^demo-shop-web-[12] \| /);
    expect(line).toContain(term);
  }
  expect(lines).toContain(`demo-shop-web-2 | ${latest}`);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the merged log's drawer passes axe in the ${theme} theme`, async ({
    page,
  }) => {
    await useTheme(page, theme);
    const viewer = await openMergedLog(page);
    await expect(viewer.getByText(/web-2/).first()).toBeVisible();
    await expectNoSeriousViolations(page, `${theme}: the merged log`);
  });
}
