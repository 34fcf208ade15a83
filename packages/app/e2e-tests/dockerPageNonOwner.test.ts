import { expect, test } from '@playwright/test';
import {
  createTestContainer,
  removeTestContainers,
  searchDockerPageUntilRow,
  signIn,
} from './helpers';

// Signed in as bob, of team-data, who may not see the fleet's unbound or
// conflicted containers (the demo policy gives that to admins only).
const LABEL = 'docker-services.test=dockerPageNonOwner';
const PREFIX = 'dockerpage-nonowner';

test.beforeAll(() => {
  removeTestContainers(LABEL);
  // Unbound: it names an entity the catalog does not have.
  createTestContainer({
    name: `${PREFIX}-unbound-1`,
    labels: [LABEL, 'docker-services.entity=component:default/does-not-exist'],
  });
  // In conflict: its label names shop-docs, the demo's admin rule binds
  // demo-data/gateway containers to partner-gateway.
  createTestContainer({
    name: `${PREFIX}-conflict-1`,
    labels: [
      LABEL,
      'docker-services.entity=component:default/shop-docs',
      'com.docker.compose.project=demo-data',
      'com.docker.compose.service=gateway',
    ],
  });
  // Bound to shop-docs alone, which everyone signed in may read: created
  // last, so that once the page shows it the backend's index has seen the
  // other two.
  createTestContainer({
    name: `${PREFIX}-bound-1`,
    labels: [LABEL, 'docker-services.entity=component:default/shop-docs'],
  });
});

test.afterAll(() => removeTestContainers(LABEL));

test('a non-owner finds bound containers but not unbound or conflicted ones', async ({
  page,
}) => {
  await signIn(page);
  const results = await searchDockerPageUntilRow(
    page,
    PREFIX,
    `${PREFIX}-bound-1`,
  );

  await expect(results.getByRole('status')).toHaveText(
    `1 container matching “${PREFIX}”.`,
  );
  await expect(results.getByText(`${PREFIX}-unbound-1`)).toHaveCount(0);
  await expect(results.getByText(`${PREFIX}-conflict-1`)).toHaveCount(0);
  await expect(results.getByRole('table')).not.toContainText(
    'containers bound to no entity or to several are included',
  );

  // The backend withholds them too, not only the page.
  const api = page.request;
  const refresh = await api.get('/api/auth/guest/refresh');
  const token = (await refresh.json()).backstageIdentity.token;
  const response = await api.get(
    `/api/docker-services/fleet/containers?q=${PREFIX}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.seesUnbound).toBe(false);
  expect(body.containers.map((c: { name: string }) => c.name)).toEqual([
    `${PREFIX}-bound-1`,
  ]);
});

test('a non-owner’s My services lists only what their team owns', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/docker');
  await page.getByRole('tab', { name: 'My services' }).click();
  const panel = page.getByRole('tabpanel', { name: 'My services' });
  await expect(
    panel.getByRole('region', { name: 'nightly-report: Services tab' }),
  ).toBeVisible();
  await expect(
    panel.getByRole('region', { name: 'shop-web: Services tab' }),
  ).toHaveCount(0);
});
