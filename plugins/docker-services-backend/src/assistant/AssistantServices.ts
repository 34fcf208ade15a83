import { AuditorService } from '@backstage/backend-plugin-api';
import { LogLimits } from '../config';
import { DiagnosisService } from '../diagnosis/DiagnosisService';
import { FleetService } from '../fleet/FleetService';
import { JobService } from '../jobs/JobService';
import { LogService } from '../logs/LogService';
import { ContainerActions } from '../service/ContainerActions';
import { ContainerService } from '../service/ContainerService';
import { EntityAuthorizer } from '../service/EntityAuthorizer';
import { ServiceActions } from '../swarm/ServiceActions';
import { SwarmServices } from '../swarm/SwarmServices';

/**
 * The services the HTTP routes call, which the assistant's actions call
 * too: the same instances, so the same limits, locks, history and audit.
 */
export interface AssistantServices {
  authorizer: EntityAuthorizer;
  containers: ContainerService;
  actions: ContainerActions;
  auditor: AuditorService;
  fleet: FleetService;
  diagnosis: DiagnosisService;
  services: SwarmServices;
  serviceActions: ServiceActions;
  jobs: JobService;
  /** Its log slots: an assistant's read counts with the pages' streams. */
  logs: LogService;
  /** The logs route's limits: an assistant reads no more lines than a page. */
  logLimits: LogLimits;
  /** How long a log read may wait for Docker (`requestTimeoutMs`). */
  hostDeadlineMs: number;
}
