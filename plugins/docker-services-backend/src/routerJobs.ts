import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  dockerContainerLogsPermission,
  dockerContainerReadPermission,
  dockerContainerStartPermission,
  dockerJobSchedulePermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request, Router } from 'express';
import { z } from 'zod/v3';
import { JobService } from './jobs/JobService';
import { JobSchedules } from './jobs/JobSchedules';
import { LogService } from './logs/LogService';
import {
  actionBody,
  containerParams,
  historyQuery,
  logsQuery,
  parse,
  toUnixSeconds,
} from './routerSchemas';
import { containerAddress, jsonAction } from './routerJsonAction';
import { entityRead } from './routerReads';
import { auditedRead } from './service/auditedRead';
import { EntityAuthorizer } from './service/EntityAuthorizer';

const runParams = containerParams.extend({
  runId: z.coerce
    .number({ invalid_type_error: 'The run in the URL must be a number.' })
    .int()
    .min(1, { message: 'The run in the URL must be a number.' }),
});

const pipelineRunParams = z.object({
  host: containerParams.shape.host,
  pipeline: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, {
    message: 'The pipeline in the URL is not a container name.',
  }),
  runId: runParams.shape.runId,
});

const runAgainBody = z
  .object({
    step: z
      .string({
        required_error:
          'step is required: the name of the step to run again from.',
        invalid_type_error: 'step must be text.',
      })
      .min(1, { message: 'step must name a step of the pipeline.' })
      .max(255, { message: 'step must be at most 255 characters.' }),
    reason: actionBody.shape.reason,
  })
  .strict();

const scheduleBody = z
  .object({
    cron: z
      .string({
        required_error:
          'cron is required: a cron expression such as "0 2 * * *".',
        invalid_type_error: 'cron must be text.',
      })
      .max(100, { message: 'cron must be at most 100 characters.' }),
    timeZone: z
      .string({
        required_error: 'timeZone is required, such as "Europe/Berlin".',
        invalid_type_error: 'timeZone must be text.',
      })
      .max(64, { message: 'timeZone must be at most 64 characters.' }),
    paused: z
      .boolean({ invalid_type_error: 'paused must be true or false.' })
      .optional(),
    reason: actionBody.shape.reason,
  })
  .strict();

/**
 * The jobs routes: an entity's jobs, their runs and each run's log, run
 * now, and schedules. Mounted before the container actions, whose
 * `/:action` would otherwise take `/run`.
 */
export function addJobRoutes(
  router: Router,
  options: {
    entity: string;
    container: string;
    authorizer: EntityAuthorizer;
    jobs: JobService;
    scheduling: JobSchedules;
    logs: LogService;
    auditor: AuditorService;
  },
) {
  const { entity: ENTITY, container: CONTAINER } = options;
  const { authorizer, jobs, scheduling, logs, auditor } = options;
  const mayStart = (req: Request) =>
    authorizer.authorizeAction(req, dockerContainerStartPermission);
  const maySchedule = (req: Request) =>
    authorizer.authorizeAction(req, dockerJobSchedulePermission);

  // The entity's jobs, each with its last run and schedule.
  router.get(
    `${ENTITY}/jobs`,
    entityRead(options, 'job-list', ({ entity, entityRef }) =>
      jobs.listJobs(entity, entityRef),
    ),
  );

  // One job's runs, newest first.
  router.get(`${CONTAINER}/runs`, async (req, res) => {
    const { host, id } = parse(
      containerParams,
      req.params,
      'container address',
    );
    const { limit, before } = parse(historyQuery, req.query, 'query');
    const { entity, entityRef } = await authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    res.json(
      await auditedRead(
        auditor,
        {
          req,
          eventId: 'job-runs',
          meta: { entityRef, host, containerId: id },
        },
        () => jobs.listRuns({ entity, entityRef, host, id, limit, before }),
      ),
    );
  });

  // One run's log: the container's log between the run's start and end.
  router.get(`${CONTAINER}/runs/:runId/logs`, async (req, res) => {
    const { host, id, runId } = parse(runParams, req.params, 'run address');
    const query = parse(logsQuery, req.query, 'query');
    if (query.since || query.until) {
      throw new InputError(
        "A run's log is the lines between its start and its end: since and until are set by the run.",
      );
    }
    const authorized = await authorizer.authorize(
      req,
      dockerContainerLogsPermission,
    );
    const window = await jobs.runWindow({ ...authorized, host, id, runId });
    await logs.serve({
      req,
      res,
      ...authorized,
      host,
      id,
      query: {
        ...query,
        // From the previous run's end (the first run: its own start, less a margin).
        since: window.since ? toUnixSeconds(window.since) : '0',
        ...(window.until
          ? { until: toUnixSeconds(window.until), follow: false }
          : {}),
      },
    });
  });

  // Run the job now, with a reason: the start permission, as for any start.
  router.post(
    `${CONTAINER}/run`,
    jsonAction({
      params: containerAddress,
      body: actionBody,
      authorize: mayStart,
      act: ({ req, authorized, params, body: { reason } }) =>
        jobs.runNow({ req, ...authorized, ...params, reason }),
    }),
  );

  // Run a pipeline run again from a step (Airflow's "clear"): the start
  // permission, as for any start.
  router.post(
    `${ENTITY}/pipelines/:host/:pipeline/runs/:runId/run-again`,
    jsonAction({
      params: req =>
        parse(pipelineRunParams, req.params, 'pipeline run address'),
      body: runAgainBody,
      authorize: mayStart,
      act: ({ req, authorized, params, body }) =>
        jobs.runPipelineAgain({ req, ...authorized, ...params, ...body }),
    }),
  );

  // Set, change, pause or resume the job's schedule.
  router.put(
    `${CONTAINER}/schedule`,
    jsonAction({
      params: containerAddress,
      body: scheduleBody,
      authorize: maySchedule,
      act: async ({ req, authorized, params, body }) => {
        // A schedule that runs starts the job: only for those who may start it.
        if (
          !body.paused &&
          !(await authorizer.allows(authorized, dockerContainerStartPermission))
        ) {
          throw new NotAllowedError(
            'A schedule starts this job, and you may not start the containers of this entity, so you cannot set or resume its schedule. Ask its owners.',
          );
        }
        return scheduling.setSchedule({ req, ...authorized, ...params, body });
      },
    }),
  );

  // Remove the job's schedule.
  router.delete(
    `${CONTAINER}/schedule`,
    jsonAction({
      params: containerAddress,
      body: actionBody,
      authorize: maySchedule,
      act: ({ req, authorized, params, body: { reason } }) =>
        scheduling.removeSchedule({ req, ...authorized, ...params, reason }),
    }),
  );
}
