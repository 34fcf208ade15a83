import { createRouteRef as createLegacyRouteRef } from '@backstage/core-plugin-api';
import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Docker page, at `/docker`, in apps on the new frontend system. */
export const dockerPageRouteRef = createRouteRef();

/** The Docker page in legacy apps, where the app mounts it. */
export const legacyDockerPageRouteRef = createLegacyRouteRef({
  id: 'docker-services',
});
