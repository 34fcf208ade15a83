import {
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import type { JobService } from '../jobs/JobService';
import { ContainerService } from '../service/ContainerService';
import { SwarmServices } from '../swarm/SwarmServices';
import { FleetService } from './FleetService';
import { FleetSwarm } from './FleetSwarm';

/**
 * The fleet view, wired: containers from the live index, every manager's
 * Swarm services in one shared list, jobs' last runs. `catalog` and
 * `permissions` are the ones the list route reuses answers of.
 */
export function createFleetService(options: {
  index?: ContainerIndex;
  hosts: DockerHostRegistry;
  bindings: ContainerBindings;
  catalog: CatalogService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  containers: ContainerService;
  services: SwarmServices;
  jobs: JobService;
  logger: LoggerService;
  hostDeadlineMs: number;
}): FleetService {
  return FleetService.create({
    ...options,
    hostNames: options.hosts.names(),
    swarm: new FleetSwarm(options),
  });
}
