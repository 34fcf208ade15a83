import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  JobScheduleRequest,
  JobSummary,
  PipelineRun,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useCallback } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import {
  scheduleChangeOf,
  scheduleFailureTitle,
  scheduleOutcome,
} from '../components/jobs/jobActionWords';
import { useActionRunner } from './useActionRunner';

const keyOf = (job: JobSummary) => `${job.host}/${job.containerId}`;
const pipelineKeyOf = (pipeline: PipelineSummary) =>
  `pipeline:${pipeline.host}/${pipeline.name}`;

/**
 * Runs the entity's jobs now and changes their schedules: which jobs are
 * busy, a toast with the outcome (also given to `onOutcome`, for the page's
 * live region), and `onDone` to refresh what the page shows. A change of a
 * schedule resolves to the backend's refusal in words, for the schedule
 * dialog to show (it stays open), or undefined once it worked.
 */
export function useJobAction(
  entity: Entity,
  onDone: () => void,
  onOutcome?: (message: string) => void,
) {
  const api = useApi(dockerServicesApiRef);
  const { run: runAction, busyAction: busyOf } = useActionRunner<
    'run' | 'schedule'
  >(onDone, onOutcome);
  const targetOf = useCallback(
    (job: JobSummary) => ({
      entityRef: getCompoundEntityRef(entity),
      host: job.host,
      id: job.containerId,
    }),
    [entity],
  );

  const runNow = useCallback(
    (job: JobSummary, reason?: string) =>
      runAction({
        key: keyOf(job),
        action: 'run',
        failureTitle: `Could not run ${job.containerName}`,
        perform: async () => ({
          message: (await api.runJobNow({ ...targetOf(job), reason })).message,
        }),
      }),
    [api, runAction, targetOf],
  );

  const setSchedule = useCallback(
    (job: JobSummary, request: JobScheduleRequest) => {
      const change = scheduleChangeOf(job, request);
      return runAction({
        key: keyOf(job),
        action: 'schedule',
        failureTitle: scheduleFailureTitle(job, change),
        failureShownByCaller: true,
        perform: async () => ({
          message: scheduleOutcome(
            job,
            change,
            await api.setJobSchedule({ ...targetOf(job), ...request }),
          ),
        }),
      });
    },
    [api, runAction, targetOf],
  );

  const removeSchedule = useCallback(
    (job: JobSummary, reason?: string) =>
      runAction({
        key: keyOf(job),
        action: 'schedule',
        failureTitle: scheduleFailureTitle(job, 'remove'),
        failureShownByCaller: true,
        perform: async () =>
          api.removeJobSchedule({ ...targetOf(job), reason }),
      }),
    [api, runAction, targetOf],
  );

  const busyAction = useCallback(
    (job: JobSummary) => busyOf(keyOf(job)),
    [busyOf],
  );

  const runPipelineAgain = useCallback(
    (
      pipeline: PipelineSummary,
      run: PipelineRun,
      step: string,
      reason?: string,
    ) =>
      runAction({
        key: pipelineKeyOf(pipeline),
        action: 'run',
        failureTitle: `Could not run ${pipeline.name} again from ${step}`,
        perform: async () => ({
          message: (
            await api.runPipelineAgain({
              entityRef: getCompoundEntityRef(entity),
              host: pipeline.host,
              pipeline: pipeline.name,
              runId: run.id,
              step,
              reason,
            })
          ).message,
        }),
      }),
    [api, runAction, entity],
  );

  const pipelineBusy = useCallback(
    (pipeline: PipelineSummary) => Boolean(busyOf(pipelineKeyOf(pipeline))),
    [busyOf],
  );

  return {
    runNow,
    setSchedule,
    removeSchedule,
    busyAction,
    runPipelineAgain,
    pipelineBusy,
  };
}
