import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { signIn } from './helpers';

// Signed in as alice. The demo worker logs a job every 2 s, and at start a
// few hostile lines (HTML, script, links, terminal escapes).
const lineCount = async (page: Page) =>
  Number(
    (await page.getByTestId('log-line-count').innerText()).match(/^(\d+)/)![1],
  );

async function openWorkerLogs(page: Page) {
  await signIn(page);
  await page.goto('/catalog/default/component/order-worker/services');
  await page
    .getByRole('button', { name: 'Logs of demo-shop-worker-1' })
    .click();
  await expect(page.getByText('Logs of demo-shop-worker-1')).toBeVisible();
}

test('logs arrive live, can be searched and downloaded', async ({
  page,
}, testInfo) => {
  await openWorkerLogs(page);
  await expect(page.getByTestId('log-status')).toHaveText('● Live');
  await expect.poll(() => lineCount(page)).toBeGreaterThan(0);
  const before = await lineCount(page);
  // The worker writes every 2 s; new lines must show up without reloading.
  await expect
    .poll(() => lineCount(page), { timeout: 15_000 })
    .toBeGreaterThan(before);

  // stdout only: docker logs prints the container's stderr on its own stderr.
  const latest = execFileSync(
    'docker',
    ['logs', '--tail', '20', 'demo-shop-worker-1'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
    .trim()
    .split('\n')
    .pop()!;
  expect(latest).toMatch(/^worker: processed job \d+$/);
  const viewer = page.getByTestId('log-viewer');
  await viewer.getByPlaceholder(/search/i).fill(latest);
  await expect(viewer.getByText(latest).first()).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('logs-live-search.png'),
    fullPage: true,
  });

  const downloading = page.waitForEvent('download');
  await viewer.getByRole('button', { name: /download/i }).click();
  const download = await downloading;
  // Named after the container and the time it covers; only the lines the
  // search matches.
  expect(download.suggestedFilename()).toMatch(
    /^demo-shop-worker-1_(until_|\d{4}-\d\d-\d\dT\d\d-\d\d.*_to_)\d{4}-\d\d-\d\dT\d\d-\d\d.*\.log$/,
  );
  const file = fs.readFileSync(await download.path(), 'utf8');
  expect(file).toContain(latest);
  const lines = file.split('\n').filter(line => line.trim() !== '');
  expect(lines.filter(line => !line.includes(latest))).toEqual([]);
});

test('log lines are inert text: no HTML, scripts, non-http links or terminal tricks', async ({
  page,
}, testInfo) => {
  await openWorkerLogs(page);
  await page.getByRole('button', { name: /^Show Latest lines/ }).click();
  await page.getByRole('option', { name: 'Since it last started' }).click();
  const viewer = page.getByTestId('log-viewer');
  await expect.poll(() => lineCount(page)).toBeGreaterThan(4);
  // A short range is not "cut": no notice about the line cap.
  await expect(page.getByTestId('log-notice')).toHaveCount(0);
  await viewer.getByPlaceholder(/search/i).fill('worker: starting');
  await expect(
    viewer.getByText('<script>alert("xss")</script>', { exact: false }),
  ).toBeVisible();
  // The search scrolled the virtualized list to the first lines; they are in the DOM now.

  const dom = await viewer.evaluate(root => ({
    text: root.textContent ?? '',
    elements: ['script', 'img', 'b', 'iframe', 'object'].map(
      tag => root.querySelectorAll(tag).length,
    ),
    hrefs: [...root.querySelectorAll('a')].map(
      a => a.getAttribute('href') ?? '',
    ),
  }));
  expect(dom.elements).toEqual([0, 0, 0, 0, 0]);
  // LogViewer's own line-number anchors, and http(s) links: nothing else.
  for (const href of dom.hrefs)
    expect(href).toMatch(/^(https?:\/\/|#line-\d+$)/);
  expect(dom.hrefs).toContain('https://example.com/docs');
  expect(dom.text).toContain(
    '<b>bold?</b> <img src=x onerror=alert(1)> <script>alert("xss")</script>',
  );
  expect(dom.text).toContain('colour is fine');
  expect(dom.text).toContain('erase and cursor-up are not, this is not a link');
  expect(dom.text).toContain('progress 10%progress 100%');
  expect(dom.text).not.toContain('\u001b');
  // The colour escape became a style, not text.
  await expect(viewer.getByText('colour is fine')).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('logs-inert.png'),
    fullPage: true,
  });
});
