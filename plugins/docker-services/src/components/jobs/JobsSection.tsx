import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import {
  JobRun,
  JobSummary,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { backendMessage } from '../../hooks/backendMessage';
import { useJobAction } from '../../hooks/useJobAction';
import { useJobs } from '../../hooks/useJobs';
import { LogsDrawer } from '../logs/LogsDrawer';
import { runLogSubject } from '../logs/logSubject';
import { PipelineCard } from '../pipelines/PipelineCard';
import { laterStepNote } from '../pipelines/pipelineWords';
import { RunAgainDialog } from '../pipelines/RunAgainDialog';
import { JobCard } from './JobCard';
import { RunJobDialog } from './RunJobDialog';
import { ScheduleDialog } from './ScheduleDialog';

/**
 * An older backend has no jobs route (404), and a refusal to read the
 * entity (403) is already shown by the containers above.
 */
function isShownElsewhere(error: Error): boolean {
  return (
    error instanceof ResponseError &&
    (error.statusCode === 404 || error.statusCode === 403)
  );
}

/**
 * The entity's jobs on the Services tab (its containers labelled
 * `docker-services.job=true`): per job its last run, schedule, runs and
 * their logs, Run now and Schedule…. Nothing at all for an entity without
 * jobs. `version` changes when the page re-reads (its change signal, which
 * also fires for runs, and its refresh button); results go to the page's
 * live region (`announce`), and `onActed` refreshes the page after an
 * action.
 */
export function JobsSection(props: {
  entity: Entity;
  version: number;
  announce: (...messages: string[]) => void;
  onActed: () => void;
}) {
  const { entity, version, announce, onActed } = props;
  const { value, error } = useJobs(entity, version);
  const actions = useJobAction(entity, onActed, announce);
  const [pending, setPending] = useState<{
    job: JobSummary;
    action: 'run' | 'schedule';
  }>();
  const [logsOf, setLogsOf] = useState<JobRun>();
  const [runAgain, setRunAgain] = useState<PipelineSummary>();

  if (error && !isShownElsewhere(error)) {
    return (
      <Grid item>
        <WarningPanel
          severity="warning"
          title="The jobs of this component could not be read"
          message={backendMessage(error)}
        />
      </Grid>
    );
  }
  const jobs = value?.jobs ?? [];
  // A host that did not answer is said by the containers above already; here
  // only for an entity with jobs, whose jobs there are missing.
  if (jobs.length === 0) return null;
  const unavailable = value?.unavailable ?? [];
  const pipelines = value?.pipelines ?? [];
  return (
    <>
      <Grid item>
        <Typography variant="h5" component="h2">
          Jobs
        </Typography>
        <Typography variant="body2">
          Containers that run to the end and stop, such as reports and imports:
          run them now, schedule them, and read each run's log.
          {pipelines.length > 0 &&
            ' A pipeline runs its jobs one after another, each once the ones before it succeeded.'}
        </Typography>
      </Grid>
      {unavailable.map(host => (
        <Grid item key={host.host}>
          <WarningPanel
            severity="warning"
            title={`The jobs on host ${host.host} could not be read`}
            message={host.error}
          />
        </Grid>
      ))}
      {pipelines.map(pipeline => (
        <Grid item key={`pipeline ${pipeline.host}/${pipeline.name}`}>
          <PipelineCard
            pipeline={pipeline}
            jobs={jobs}
            entity={entity}
            busy={actions.pipelineBusy(pipeline)}
            onOpenLog={setLogsOf}
            onRunAgain={() => setRunAgain(pipeline)}
          />
        </Grid>
      ))}
      {jobs.map(job => (
        <Grid item key={`${job.host}/${job.containerId}`}>
          <JobCard
            job={job}
            entity={entity}
            version={version}
            busy={actions.busyAction(job)}
            stepNote={laterStepNote(job, pipelines)}
            onRequest={action => setPending({ job, action })}
            onOpenLog={setLogsOf}
          />
        </Grid>
      ))}
      {logsOf && (
        <LogsDrawer
          source={{
            kind: 'run',
            target: {
              entityRef: getCompoundEntityRef(entity),
              host: logsOf.host,
              id: logsOf.containerId,
              runId: logsOf.id,
            },
          }}
          subject={runLogSubject(logsOf)}
          onClose={() => setLogsOf(undefined)}
        />
      )}
      {runAgain?.runs[0] && (
        <RunAgainDialog
          entity={entity}
          pipeline={runAgain}
          run={runAgain.runs[0]}
          onCancel={() => setRunAgain(undefined)}
          onConfirm={(step, reason) => {
            setRunAgain(undefined);
            actions.runPipelineAgain(runAgain, runAgain.runs[0], step, reason);
          }}
        />
      )}
      {pending?.action === 'run' && (
        <RunJobDialog
          job={pending.job}
          entity={entity}
          onCancel={() => setPending(undefined)}
          onConfirm={reason => {
            setPending(undefined);
            actions.runNow(pending.job, reason);
          }}
        />
      )}
      {pending?.action === 'schedule' && (
        <ScheduleDialog
          job={pending.job}
          onSave={request => actions.setSchedule(pending.job, request)}
          onRemove={reason => actions.removeSchedule(pending.job, reason)}
          onClose={() => setPending(undefined)}
        />
      )}
    </>
  );
}
