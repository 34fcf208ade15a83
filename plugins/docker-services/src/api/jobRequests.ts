import { ClientHttp } from './ClientHttp';
import {
  containerPath,
  entityPath,
  pageSuffix,
  runPath,
  withoutTimes,
} from './clientPaths';
import { DockerServicesApi } from './DockerServicesApi';

/** The calls about an entity's jobs and pipelines, as the backend's job routes take them. */
export type JobRequests = Pick<
  DockerServicesApi,
  | 'listJobs'
  | 'listJobRuns'
  | 'runJobNow'
  | 'setJobSchedule'
  | 'removeJobSchedule'
  | 'runPipelineAgain'
  | 'streamJobRunLogs'
  | 'downloadJobRunLogs'
>;

/** {@link JobRequests} over `http`. */
export function jobRequests(http: ClientHttp): JobRequests {
  const withReason = (reason?: string) => (reason ? { reason } : {});
  return {
    listJobs: entityRef => http.request(`${entityPath(entityRef)}/jobs`),
    listJobRuns: (target, page = {}) =>
      http.request(`${containerPath(target)}/runs${pageSuffix(page)}`),
    runJobNow: target =>
      http.send('POST', `${containerPath(target)}/run`, {
        ...withReason(target.reason),
      }),
    setJobSchedule: target => {
      const { cron, timeZone, paused, reason } = target;
      return http.send('PUT', `${containerPath(target)}/schedule`, {
        cron,
        timeZone,
        ...(paused !== undefined ? { paused } : {}),
        ...withReason(reason),
      });
    },
    removeJobSchedule: target =>
      http.send('DELETE', `${containerPath(target)}/schedule`, {
        ...withReason(target.reason),
      }),
    runPipelineAgain: target => {
      const path = `${entityPath(
        target.entityRef,
      )}/pipelines/${encodeURIComponent(target.host)}/${encodeURIComponent(
        target.pipeline,
      )}/runs/${target.runId}/run-again`;
      return http.send('POST', path, {
        step: target.step,
        ...withReason(target.reason),
      });
    },
    streamJobRunLogs: (target, query, signal) =>
      http.streamLogs(runPath(target), withoutTimes(query), signal),
    downloadJobRunLogs: (target, query) =>
      http.downloadLogs(runPath(target), withoutTimes(query), 'run.log'),
  };
}
