import { FleetHost } from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerIndex } from '../containerIndex/ContainerIndex';

/** Each host as the fleet view sees it: whether its index is live, and how old. */
export function fleetHostStates(
  hostNames: string[],
  index?: ContainerIndex,
): FleetHost[] {
  return hostNames.map(name => {
    const view = index?.view(name);
    if (!view) {
      return {
        name,
        status: 'unavailable',
        error:
          'The portal keeps no index of this host (dockerServices.index.enabled is off).',
        containerCount: 0,
      };
    }
    const age =
      view.reconciledAt !== undefined
        ? Math.round((Date.now() - view.reconciledAt) / 1000)
        : undefined;
    return {
      name,
      status: view.live ? 'ok' : 'unavailable',
      ...(view.live
        ? {}
        : {
            error: `The portal is not in touch with Docker on host ${name} right now; what is shown is what it last knew.`,
          }),
      containerCount: view.containers.length,
      ...(age !== undefined ? { indexAgeSeconds: age } : {}),
    };
  });
}
