// One Chromium check per app: guest sign-in, then the Services tab of a
// component whose demo container carries docker-services.entity lists it.
// Usage: node check.mjs SCREENSHOT_DIR NAME=URL...
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [screenshots, ...apps] = process.argv.slice(2);
const ENTITY_PATH = '/catalog/default/component/shop-web/services';
const CONTAINER = 'demo-shop-web-1';

const userDataDir = mkdtempSync(join(tmpdir(), 'ds-install-chromium-'));
let failed = false;
try {
  for (const app of apps) {
    const [name, url] = app.split('=');
    const context = await chromium.launchPersistentContext(
      join(userDataDir, name),
      {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    );
    const page = context.pages()[0] ?? (await context.newPage());
    try {
      await page.goto(url + ENTITY_PATH);
      await page
        .getByRole('button', { name: 'Enter' })
        .click({ timeout: 60_000 });
      await page.getByText(CONTAINER).first().waitFor({ timeout: 60_000 });
      // alice is in the owning team: the example policy lets her stop it.
      const stop = page
        .getByRole('button', {
          name: new RegExp(`^stop( ${CONTAINER})?$`, 'i'),
        })
        .first();
      await stop.waitFor({ timeout: 30_000 });
      const deadline = Date.now() + 30_000;
      while (!(await stop.isEnabled())) {
        if (Date.now() > deadline)
          throw new Error('Stop stays disabled for an owner');
        await page.waitForTimeout(250);
      }
      await page.screenshot({
        path: join(screenshots, `${name}.png`),
        fullPage: true,
      });
      console.log(
        `ok: ${name} app lists ${CONTAINER} on the Services tab, Stop enabled for its owner`,
      );
    } catch (error) {
      failed = true;
      await page
        .screenshot({
          path: join(screenshots, `${name}-failure.png`),
          fullPage: true,
        })
        .catch(() => {});
      console.error(`FAILED: ${name} app (${url}): ${error.message}`);
    } finally {
      await context.close();
    }
  }
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
