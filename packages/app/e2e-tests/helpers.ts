import { expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** Signs in through the guest card as the user the backend is configured with. */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('navigation').getByRole('link', { name: 'Catalog' }),
  ).toBeVisible();
}

/** Container names Docker itself reports for a set of labels. */
export function dockerContainerNames(labels: string[]): string[] {
  const args = ['ps', '-a', '--format', '{{.Names}}'];
  for (const label of labels) args.push('--filter', `label=${label}`);
  return execFileSync('docker', args, { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
}
