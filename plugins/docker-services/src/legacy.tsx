import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { hasContainerSelector } from '@docker-services/backstage-plugin-docker-services-common';
import { dockerServicesApiRef } from './api/DockerServicesApi';
import { DockerServicesClient } from './api/DockerServicesClient';
import { legacyDockerPageRouteRef } from './routes';

/**
 * The plugin for apps on the legacy frontend system.
 * @public
 */
export const dockerServicesLegacyPlugin = createPlugin({
  id: 'docker-services',
  routes: { root: legacyDockerPageRouteRef },
  apis: [
    createApiFactory({
      api: dockerServicesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DockerServicesClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The Services tab content for legacy apps, for an `EntityLayout.Route`:
 *
 * ```tsx
 * <EntityLayout.Route path="/services" title="Services" if={isDockerServicesAvailable}>
 *   <EntityDockerServicesContent />
 * </EntityLayout.Route>
 * ```
 * @public
 */
export const EntityDockerServicesContent: () => JSX.Element =
  dockerServicesLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityDockerServicesContent',
      component: {
        lazy: () =>
          import('./components/EntityServicesContent').then(
            m => m.EntityServicesContent,
          ),
      },
    }),
  );

/**
 * The overview card for legacy apps: what runs for the entity, worst first,
 * with a link to its Services tab (mounted at `services`); it renders
 * nothing when nothing is bound to the entity:
 *
 * ```tsx
 * <EntitySwitch>
 *   <EntitySwitch.Case if={isDockerServicesAvailable}>
 *     <Grid item md={6}>
 *       <EntityDockerServicesCard />
 *     </Grid>
 *   </EntitySwitch.Case>
 * </EntitySwitch>
 * ```
 * @public
 */
export const EntityDockerServicesCard: () => JSX.Element =
  dockerServicesLegacyPlugin.provide(
    createComponentExtension({
      name: 'EntityDockerServicesCard',
      component: {
        lazy: () =>
          import('./components/overview/DockerServicesCard').then(
            m => m.EntityDockerServicesCardContent,
          ),
      },
    }),
  );

/**
 * True for entities the Services tab applies to.
 * @public
 */
export function isDockerServicesAvailable(entity: Entity): boolean {
  return hasContainerSelector(entity.metadata.annotations);
}

/**
 * The Docker page for legacy apps:
 * `<Route path="/docker" element={<DockerServicesPage />} />`.
 * @public
 */
export const DockerServicesPage: () => JSX.Element =
  dockerServicesLegacyPlugin.provide(
    createRoutableExtension({
      name: 'DockerServicesPage',
      component: () =>
        import('./components/dockerPage/DockerPage').then(
          m => m.LegacyDockerPage,
        ),
      mountPoint: legacyDockerPageRouteRef,
    }),
  );
