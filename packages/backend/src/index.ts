import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// The guest sign-in only where a config file asks for it (the demo's
// app-config.demo.yaml, the e2e backends): the production layering
// (app-config.yaml + app-config.production.yaml) has no guest provider, so
// nobody is signed in as a demo user there.
backend.add(
  createBackendFeatureLoader({
    deps: { config: coreServices.rootConfig },
    *loader({ config }) {
      if (config.has('auth.providers.guest')) {
        yield import('@backstage/plugin-auth-backend-module-guest-provider');
      }
    },
  }),
);

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// Users read; owners start/stop/restart; the admins group does all.
backend.add(import('./modules/demoPermissionPolicy'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Owners are told when their containers die, and when someone asks them to act.
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(
  import('@docker-services/backstage-plugin-docker-services-backend'),
);
// Assistants (an IDE's or a chat's) call the Services tab's reads and
// actions over MCP, with the signed-in person's own token and permissions.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
