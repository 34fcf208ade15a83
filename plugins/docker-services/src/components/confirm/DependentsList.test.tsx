import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  entity,
  mountedRoutes,
  UI_TEST_TIMEOUT_MS,
} from '../__testUtils__/servicesFixtures';
import { DependentsList } from './DependentsList';
import { nameToType } from './productionGuard';

jest.setTimeout(UI_TEST_TIMEOUT_MS);

const ordersApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: { type: 'openapi' },
  relations: [
    { type: 'apiProvidedBy', targetRef: 'component:default/shop-web' },
    { type: 'apiConsumedBy', targetRef: 'component:default/billing' },
    { type: 'apiConsumedBy', targetRef: 'component:default/mobile-app' },
    // Listed once, as a direct dependent.
    { type: 'apiConsumedBy', targetRef: 'component:default/checkout' },
  ],
};

const shopWeb: Entity = {
  ...entity,
  relations: [
    ...entity.relations!,
    { type: 'dependencyOf', targetRef: 'component:default/checkout' },
    { type: 'providesApi', targetRef: 'api:default/orders-api' },
  ],
};

describe('DependentsList', () => {
  it('links the entities that depend on it and those that consume its APIs, each once', async () => {
    await renderInTestApp(<DependentsList entity={shopWeb} />, {
      apis: [[catalogApiRef, catalogApiMock({ entities: [ordersApi] })]],
      mountedRoutes,
    });
    const list = await screen.findByRole('list', {
      name: '3 catalog entities depend on shop-web and may be affected:',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'checkout',
      'billing (uses its API orders-api)',
      'mobile-app (uses its API orders-api)',
    ]);
    expect(within(items[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout',
    );
  });

  it('says when nothing is recorded as depending on it', async () => {
    await renderInTestApp(<DependentsList entity={entity} />, {
      apis: [[catalogApiRef, catalogApiMock()]],
      mountedRoutes,
    });
    expect(
      await screen.findByText(
        'Nothing in the catalog is recorded as depending on shop-web.',
      ),
    ).toBeInTheDocument();
  });
});

describe('nameToType', () => {
  const production = { ...entity, spec: { lifecycle: 'production' } };
  it('asks for the name of what a stop or a restart takes down, in production only', () => {
    expect(nameToType(production, 'stop', 'shop-web-1')).toBe('shop-web-1');
    expect(nameToType(production, 'restart', 'shop-web-1')).toBe(undefined);
    expect(nameToType(production, 'start', 'shop-web-1')).toBe(undefined);
    expect(nameToType(entity, 'stop', 'shop-web-1')).toBe(undefined);
  });
});
