import { expect, test } from '@playwright/test';
import {
  createTestContainer,
  removeTestContainers,
  searchDockerPageUntilRow,
  signIn,
} from './helpers';

// Signed in as carol, of admins, who may see the fleet's unbound containers
// so as to bind them.
const LABEL = 'docker-services.test=dockerPageAdmin';
const UNBOUND = 'dockerpage-admin-unbound-1';

test.beforeAll(() => {
  removeTestContainers(LABEL);
  createTestContainer({
    name: UNBOUND,
    labels: [LABEL, 'docker-services.entity=component:default/does-not-exist'],
  });
});

test.afterAll(() => removeTestContainers(LABEL));

test('an admin sees an unbound container, why it is unbound, and the hosts', async ({
  page,
}) => {
  await signIn(page);
  const results = await searchDockerPageUntilRow(page, UNBOUND, UNBOUND);

  const row = results.getByRole('row', { name: new RegExp(UNBOUND) });
  await expect(row).toContainText('Bound to no entity.');
  await expect(row).toContainText(
    'component:default/does-not-exist, which is not in the catalog',
  );
  await expect(row.getByRole('link')).toHaveCount(0);
  await expect(results.getByRole('table')).toContainText(
    /“Bound to no entity” means the container names an entity .* that the catalog does not have/,
  );

  const hosts = results.getByRole('list', { name: 'Docker hosts' });
  await expect(hosts.getByRole('listitem').first()).toContainText(
    /^local: OK, \d+ containers?/,
  );
});
