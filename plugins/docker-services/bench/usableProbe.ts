/*
 * What "usable" means for each tab, checked inside the page, and the probe
 * that clicks a tab's link and notes, on the page's own clock, when the tab
 * became usable and which requests it started before that. Not part of the
 * plugin.
 */
import type { Page } from '@playwright/test';

/** The two tabs the benchmark compares. */
export type TabName = 'Services' | 'Overview';

/** One request the page started between the click and the tab's being usable. */
export interface RequestTiming {
  url: string;
  /** Milliseconds after the click. */
  start: number;
  end: number;
}

/** One visit of a tab: how long until usable, and what it asked for. */
export interface Visit {
  usableMs: number;
  requests: RequestTiming[];
}

/**
 * Whether the tab is usable, evaluated in the page (so it may only use what
 * it gets as arguments). Services: the Restart button of the container row
 * named `container` is enabled, and the "Recent actions" table shows its
 * rows (or says there are none), not its loading overlay. Overview: the
 * Docker services card shows its status lines, the About card is there, and
 * no card still shows a progress bar.
 */
function isUsable(tab: string, container: string): boolean {
  const main = document.querySelector('main') ?? document.body;
  if (tab === 'Overview') {
    const headings = [...main.querySelectorAll('h1,h2,h3,h4,h5,h6')];
    return (
      main.querySelector('[data-testid="docker-services-status"] li') !==
        null &&
      headings.some(h => h.textContent?.trim() === 'About') &&
      main.querySelector('[role="progressbar"]') === null
    );
  }
  const row = [...main.querySelectorAll('tr')].find(
    tr =>
      tr.querySelector('[data-testid="container-name"]')?.textContent ===
      container,
  );
  const restart = row
    ? [...row.querySelectorAll('button')].find(
        b => b.textContent?.trim() === 'Restart',
      )
    : undefined;
  if (
    !restart ||
    restart.disabled ||
    restart.getAttribute('aria-disabled') === 'true'
  ) {
    return false;
  }
  const historyTitle = [...main.querySelectorAll('h1,h2,h3,h4,h5,h6')].find(
    h => h.textContent?.trim() === 'Recent actions',
  );
  const history = historyTitle?.closest('.MuiPaper-root');
  return Boolean(
    history &&
      history.querySelector('[role="progressbar"]') === null &&
      history.querySelector('tbody td') !== null,
  );
}

/**
 * Clicks the link of `tab` in the entity page's tab bar and resolves once the
 * tab is usable and `settleMs` more have passed: the time from the click to
 * usable, measured in the page at every DOM change, and the requests started
 * in between (from the page's resource timing). Fails after `timeoutMs`.
 */
export async function visitTab(
  page: Page,
  tab: TabName,
  options: { container: string; timeoutMs: number; settleMs: number },
): Promise<Visit> {
  return page.evaluate(
    ({ tab: name, container, timeoutMs, settleMs, usable }) =>
      new Promise<Visit>((resolve, reject) => {
        // eslint-disable-next-line no-new-func
        const check = new Function(`return (${usable})`)() as (
          t: string,
          c: string,
        ) => boolean;
        const link = [...document.querySelectorAll('a')].find(
          a => a.textContent?.trim() === name && a.closest('nav, header'),
        );
        if (!link) {
          reject(new Error(`No link to the ${name} tab on the page`));
          return;
        }
        if (link.getAttribute('href') === window.location.pathname) {
          reject(new Error(`The ${name} tab is already open`));
          return;
        }
        performance.setResourceTimingBufferSize(10_000);
        performance.clearResourceTimings();
        // Set once the observer watches, just before the click.
        const clock = { started: 0, timer: 0 as unknown };
        let done = false;
        // A request shows in the resource timing once it has ended: those
        // started before the tab was usable are read once it has settled.
        const collect = (at: number) => {
          const requests = performance
            .getEntriesByType('resource')
            .map(e => e as PerformanceResourceTiming)
            .filter(e => e.startTime >= clock.started && e.startTime <= at)
            .map(e => ({
              url: e.name,
              start: e.startTime - clock.started,
              end: e.responseEnd - clock.started,
            }));
          resolve({ usableMs: at - clock.started, requests });
        };
        const finish = (observer: MutationObserver, at: number) => {
          done = true;
          observer.disconnect();
          clearTimeout(clock.timer as ReturnType<typeof setTimeout>);
          setTimeout(() => collect(at), settleMs);
        };
        const observer = new MutationObserver(() => {
          if (!done && check(name, container)) {
            finish(observer, performance.now());
          }
        });
        clock.timer = setTimeout(() => {
          observer.disconnect();
          reject(
            new Error(`The ${name} tab was not usable in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        clock.started = performance.now();
        link.click();
      }),
    { tab, ...options, usable: isUsable.toString() },
  );
}
