import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { signIn } from './helpers';

// A change made outside the portal (here, with the docker CLI) reaches the
// open tab through Docker events and Backstage signals, well before the
// 30-second safety poll.
test('a container stopped outside the portal shows as stopped within seconds', async ({
  page,
}, testInfo) => {
  const sockets: string[] = [];
  page.on('websocket', ws => sockets.push(ws.url()));
  await signIn(page);
  await page.goto('/catalog/default/component/shop-web/services');
  const row = page.getByRole('row', { name: /^demo-shop-web-2/ });
  await expect(row).toContainText(/Running for/);
  // The page listens for signals on a websocket to the signals backend.
  await expect
    .poll(() => sockets.some(url => url.includes('/api/signals')))
    .toBe(true);
  await page.waitForTimeout(1000);

  try {
    execFileSync('docker', ['stop', '-t', '1', 'demo-shop-web-2']);
    // Well inside the 30 s safety poll: this is the pushed change.
    await expect(row).toContainText(/Exited .* with code/, { timeout: 5_000 });
    await page.screenshot({
      path: testInfo.outputPath('live-state.png'),
      fullPage: true,
    });

    execFileSync('docker', ['start', 'demo-shop-web-2']);
    await expect(row).toContainText(/Running for/, { timeout: 5_000 });
  } finally {
    execFileSync('docker', ['start', 'demo-shop-web-2']);
  }
});
