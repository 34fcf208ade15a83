import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { FleetService } from '../fleet/FleetService';
import { FleetSwarm } from '../fleet/FleetSwarm';
import { SwarmServices } from '../swarm/SwarmServices';

/** What {@link fleetFor} is given: the fleet's own parts, and its Swarm's. */
export type FleetForOptions = Omit<
  Parameters<typeof FleetService.create>[0],
  'userInfo' | 'swarm'
> & {
  /** The group every caller is in, e.g. `group:default/team-a`. */
  team: string;
  /** The (fake) engines whose Swarm services the fleet lists. */
  hosts: DockerHostRegistry;
  services: SwarmServices;
  logger: LoggerService;
};

/**
 * A FleetService for the unit tier: every caller is themselves and a member
 * of `team` (nothing more), and the fleet lists the Swarm services of
 * `hosts`. Fake engines answer at once, so the hosts' deadline is generous.
 */
export function fleetFor(options: FleetForOptions): FleetService {
  const { team, hosts, services, logger, ...fleet } = options;
  return FleetService.create({
    ...fleet,
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async credentials => ({
        userEntityRef: (credentials.principal as { userEntityRef: string })
          .userEntityRef,
        ownershipEntityRefs: [team],
      }),
    }),
    swarm: new FleetSwarm({
      hosts,
      services,
      bindings: fleet.bindings,
      logger,
      hostDeadlineMs: 10_000,
    }),
  });
}
