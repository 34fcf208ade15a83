import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend for working on this plugin: mocked auth so that curl
// works, a one-component catalog, and the real local Docker engine.
//
//   yarn start   (in this folder), then
//   curl http://localhost:7007/api/docker-services/entities/component/default/shop-web/containers

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'shop-web',
          namespace: 'default',
          annotations: { 'docker-services/compose': 'demo-shop/web' },
        },
        spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
