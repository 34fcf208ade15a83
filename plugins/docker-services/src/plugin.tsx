import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import StorageIcon from '@material-ui/icons/Storage';
import { FilterPredicate } from '@backstage/filter-predicates';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  ANNOTATION_COMPOSE,
  ANNOTATION_LABEL_SELECTOR,
} from '@docker-services/backstage-plugin-docker-services-common';
import { dockerServicesApiRef } from './api/DockerServicesApi';
import { DockerServicesClient } from './api/DockerServicesClient';
import { dockerPageRouteRef } from './routes';

/** The entities that get a Services tab: those mapped to containers. */
export const servicesTabFilter: FilterPredicate = {
  $any: [
    {
      [`metadata.annotations.${ANNOTATION_LABEL_SELECTOR}`]: { $exists: true },
    },
    { [`metadata.annotations.${ANNOTATION_COMPOSE}`]: { $exists: true } },
  ],
};

const dockerServicesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dockerServicesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DockerServicesClient({ discoveryApi, fetchApi }),
    }),
});

const servicesEntityContent = EntityContentBlueprint.make({
  name: 'services',
  params: {
    path: '/services',
    title: 'Services',
    group: 'operation',
    filter: servicesTabFilter,
    loader: () =>
      import('./components/EntityServicesContent').then(m => (
        <m.EntityServicesContent />
      )),
  },
});

/**
 * A card on the entity's overview: what runs for it in a few lines, worst
 * first, with a link to the Services tab; for the same entities as the tab.
 */
const servicesEntityCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    type: 'info',
    filter: servicesTabFilter,
    loader: () =>
      import('./components/overview/DockerServicesCard').then(m => (
        <m.EntityDockerServicesCardContent />
      )),
  },
});

/**
 * The Docker page at `/docker`: find a container and whose it is, and the
 * state of what you own. Its title and icon make the sidebar item.
 */
const dockerPage = PageBlueprint.make({
  params: {
    path: '/docker',
    title: 'Docker',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: dockerPageRouteRef,
    loader: () =>
      import('./components/dockerPage/DockerPage').then(m => <m.DockerPage />),
  },
});

/**
 * The docker-services frontend plugin: a Services tab and an overview card
 * on entities annotated with `docker-services/compose` or
 * `docker-services/label-selector`, and a
 * Docker page (`/docker`, with a sidebar item) to find any container and see
 * the services you own.
 *
 * @public
 */
export const dockerServicesPlugin = createFrontendPlugin({
  pluginId: 'docker-services',
  title: 'Docker services',
  info: { packageJson: () => import('../package.json') },
  routes: { root: dockerPageRouteRef },
  extensions: [
    dockerServicesApi,
    servicesEntityContent,
    servicesEntityCard,
    dockerPage,
  ],
});
