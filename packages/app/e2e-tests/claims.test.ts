import { expect, test } from '@playwright/test';
import { dockerContainerNames, signIn } from './helpers';

// Signed in as bob, of team-data, which owns shop-insights. Its annotation
// (docker-services/compose: demo-shop/web) matches the shop team's web
// containers, but those name shop-web in their own docker-services.entity
// label: an annotation alone claims nothing, so the tab shows none of them
// and says why.
test("a component whose annotation names another team's containers shows none of them, and why", async ({
  page,
}, testInfo) => {
  // The containers the annotation matches exist, and say whose they are.
  const shopWeb = dockerContainerNames([
    'com.docker.compose.project=demo-shop',
    'com.docker.compose.service=web',
  ]);
  expect(shopWeb).toHaveLength(2);
  expect(
    dockerContainerNames([
      'com.docker.compose.project=demo-shop',
      'com.docker.compose.service=web',
      'docker-services.entity=component:default/shop-web',
    ]),
  ).toEqual(shopWeb);

  await signIn(page);
  // What the backend says about this host, as the page's own client reads it.
  const answer = page.waitForResponse(
    response =>
      new URL(response.url()).pathname ===
        '/api/docker-services/entities/component/default/shop-insights/containers' &&
      response.request().method() === 'GET',
  );
  await page.goto('/catalog/default/component/shop-insights');
  await page.getByRole('link', { name: 'Services' }).click();
  const body = await (await answer).json();
  const local = body.hosts.find((h: { name: string }) => h.name === 'local');
  expect(local).toMatchObject({ status: 'ok', containers: [] });

  // The tab shows, with no containers: none of shop-web's.
  const empty = page.getByText(
    'No containers of this component on host local.',
  );
  await expect(empty).toBeVisible();
  await expect(page.getByTestId('container-name')).toHaveCount(0);
  for (const name of shopWeb) {
    await expect(page.getByText(name)).toHaveCount(0);
  }

  // And why, in the backend's words (the reason names the label that would
  // bind a container to shop-insights).
  expect(local.emptyReason).toContain(
    'docker-services.entity=component:default/shop-insights',
  );
  // The host's empty state is one line; why, on request.
  const why = page.getByRole('button', { name: 'Why none?' });
  await expect(page.getByText(local.emptyReason)).toHaveCount(0);
  await expect(why).toHaveAttribute('aria-expanded', 'false');
  await why.click();
  await expect(why).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText(local.emptyReason)).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('claims-empty-with-reason.png'),
    fullPage: true,
  });
});

// partner-gateway, an older service, has no docker-services.entity label;
// the admin rule in app-config.demo.yaml (dockerServices.bindings) binds its
// container, and bob's team owns it.
test('an older service without the entity label is bound by the admin rule', async ({
  page,
}) => {
  const gateway = dockerContainerNames([
    'com.docker.compose.project=demo-data',
    'com.docker.compose.service=gateway',
  ]);
  expect(gateway).toEqual(['demo-data-gateway-1']);
  expect(
    dockerContainerNames([
      'com.docker.compose.project=demo-data',
      'com.docker.compose.service=gateway',
      'docker-services.entity',
    ]),
  ).toEqual([]);

  await signIn(page);
  await page.goto('/catalog/default/component/partner-gateway/services');
  await expect(page.getByTestId('container-name')).toHaveText(gateway);
  const row = page.getByRole('row', { name: /^demo-data-gateway-1/ });
  await expect(
    row.getByRole('button', {
      name: 'Restart demo-data-gateway-1',
      exact: true,
    }),
  ).toBeEnabled();
});
