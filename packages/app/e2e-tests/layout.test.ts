import { expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { signIn } from './helpers';

// Signed in as alice. The tables hold at the widths people use: at 1280 px
// no name, id or host breaks over two lines ("Ho/st", "loc/al",
// "demo-shop-/web-1"); screenshots at 1280 and 1920 px go into the test's
// artefacts (test-results/e2e/…), to look at after a run.

/**
 * Columns whose cells hold names, ids or hosts, by their heading: each text
 * in them (a name and the id under it are two texts) keeps to one line.
 */
const ONE_LINE_COLUMNS = [
  'container',
  'service',
  'host',
  'entity',
  'component',
  'owner',
  'who',
];

/**
 * The texts of `table` that take more than one line, in the one-line
 * columns and their headings: "Host: “local” on 2 lines". A text's lines
 * are the distinct tops of the boxes the browser laid it out in; text
 * hidden but for screen readers (a 1 px box) is not looked at.
 */
async function wrappedTexts(table: Locator): Promise<string[]> {
  return table.evaluate((el, columns) => {
    const element = el as HTMLTableElement;
    const headings = [...element.querySelectorAll('thead th')].map(th =>
      (th.textContent ?? '').trim().toLowerCase(),
    );
    const wanted = headings
      .map((heading, index) => ({ heading, index }))
      .filter(({ heading }) => columns.includes(heading));
    const found: string[] = [];
    const check = (cell: Element, heading: string) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim();
        const parent = node.parentElement;
        if (!text || !parent || parent.getBoundingClientRect().width <= 1)
          continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set(
          [...range.getClientRects()]
            .filter(r => r.width > 0 && r.height > 0)
            .map(r => Math.round(r.top / 4)),
        );
        if (tops.size > 1)
          found.push(`${heading}: “${text}” on ${tops.size} lines`);
      }
    };
    for (const row of element.querySelectorAll('tr')) {
      const cells = [...row.children];
      // Full-width rows (a service's tasks) are no column's.
      if (cells.length !== headings.length) continue;
      for (const { heading, index } of wanted) check(cells[index], heading);
    }
    return found;
  }, ONE_LINE_COLUMNS);
}

/** Fails, naming each, when a name, id or host of the page's tables wraps. */
async function expectNothingWraps(page: Page, what: string) {
  const tables = page.locator('table');
  await expect(tables.first()).toBeVisible();
  const wrapped: string[] = [];
  for (const table of await tables.all()) {
    if (await table.isVisible()) wrapped.push(...(await wrappedTexts(table)));
  }
  expect(wrapped, `texts on more than one line, ${what}`).toEqual([]);
}

/** A full-page screenshot in the test's artefacts, and attached to its report. */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const VIEWS = [
  {
    name: 'services-tab',
    url: '/catalog/default/component/shop-web/services',
    ready: (page: Page) =>
      expect(page.getByRole('row', { name: /^demo-shop-web-1/ })).toBeVisible(),
  },
  {
    name: 'services-tab-swarm',
    url: '/catalog/default/component/shop-api/services',
    ready: (page: Page) =>
      expect(page.getByTestId('swarm-service').first()).toBeVisible(),
  },
  {
    name: 'docker-page',
    url: '/docker',
    ready: (page: Page) =>
      expect(
        page.getByRole('row', { name: /demo-shop-web-1/ }).first(),
      ).toBeVisible(),
  },
] as const;

/**
 * How much of `locator`'s box lies outside the window's width, in pixels,
 * or outside the box of the table's scrolling container: 0 when a person
 * sees it without scrolling sideways.
 */
async function pixelsOutOfView(locator: Locator): Promise<number> {
  return locator.evaluate(el => {
    const box = el.getBoundingClientRect();
    let right = document.documentElement.clientWidth;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (/(auto|scroll|hidden)/.test(style.overflowX)) {
        right = Math.min(right, p.getBoundingClientRect().right);
      }
    }
    return Math.max(0, Math.ceil(box.right - right), Math.ceil(-box.left));
  });
}

test.describe('1280 px wide, the catalog', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('shows the Docker column in view, without scrolling sideways', async ({
    page,
  }, testInfo) => {
    // The demo's catalog page is the start page.
    await signIn(page);
    const heading = page.getByRole('columnheader', { name: 'Docker' });
    await expect(heading).toBeVisible();
    const cell = page.getByTestId('docker-status-cell').first();
    await expect(cell).toBeVisible();
    await screenshot(page, testInfo, 'catalog-1280');
    expect(await pixelsOutOfView(heading)).toBe(0);
    expect(await pixelsOutOfView(cell)).toBe(0);
  });
});

for (const width of [1280, 1920]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });

    for (const view of VIEWS) {
      test(`${view.name}: names, ids and hosts on one line each`, async ({
        page,
      }, testInfo) => {
        await signIn(page);
        await page.goto(view.url);
        await view.ready(page);
        await screenshot(page, testInfo, `${view.name}-${width}`);
        await expectNothingWraps(page, `${view.name} at ${width} px`);
      });
    }
  });
}
