import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(
  import('@docker-services/backstage-plugin-docker-services-backend'),
);

backend.start();
