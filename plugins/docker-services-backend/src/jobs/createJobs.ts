import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { ContainerBindings } from '../binding/ContainerBindings';
import { HistoryStore } from '../database/HistoryStore';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { PipelineService } from '../pipelines/PipelineService';
import { PipelineStore } from '../pipelines/PipelineStore';
import { ContainerActions } from '../service/ContainerActions';
import { ContainerService } from '../service/ContainerService';
import { JobDriver } from './JobDriver';
import { JobRunRecorder } from './JobRunRecorder';
import { JobRunStore } from './JobRunStore';
import { JobService } from './JobService';
import { JobSchedules } from './JobSchedules';
import { JobSettings } from './readJobSettings';
import { ScheduleAuthority } from './ScheduleAuthority';
import { ScheduleStore } from './ScheduleStore';

/** The jobs feature's parts, wired: the routes' services, runs recorder, driver. */
export function createJobs(options: {
  db: Knex;
  hosts: DockerHostRegistry;
  bindings: ContainerBindings;
  containers: ContainerService;
  actions: ContainerActions;
  history: HistoryStore;
  auditor: AuditorService;
  catalog: CatalogService;
  auth: AuthService;
  settings: JobSettings;
  logger: LoggerService;
  /**
   * False while the permission framework is off (and actions are not
   * allowed without it): then no schedule or retry starts anything.
   */
  actionsEnabled: boolean;
}) {
  const runs = new JobRunStore(options.db);
  const schedules = new ScheduleStore(options.db);
  // A first step's run begins a pipeline run: the recorder tells the
  // pipelines, which start later steps through the recorder.
  let pipelines: PipelineService | undefined = undefined;
  const recorder = new JobRunRecorder({
    ...options,
    runs,
    onRunBegan: async (run, listed) => pipelines?.onRunBegan(run, listed),
  });
  pipelines = new PipelineService({
    ...options,
    store: new PipelineStore(options.db),
    recorder,
  });
  const service = new JobService({
    ...options,
    runs,
    schedules,
    recorder,
    pipelines,
  });
  const authority = new ScheduleAuthority(options);
  const scheduling = new JobSchedules({
    ...options,
    jobs: service,
    schedules,
    authority,
  });
  const driver = new JobDriver({
    ...options,
    runs,
    schedules,
    recorder,
    authority,
    pipelines,
  });
  return { service, scheduling, recorder, driver, pipelines };
}
