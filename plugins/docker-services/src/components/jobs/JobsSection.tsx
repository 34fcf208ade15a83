import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import {
  JobRun,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { backendMessage } from '../../hooks/backendMessage';
import { useJobAction } from '../../hooks/useJobAction';
import { useJobs } from '../../hooks/useJobs';
import { LogsDrawer } from '../logs/LogsDrawer';
import { runLogSubject } from '../logs/logSubject';
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
  const [logsOf, setLogsOf] = useState<{ job: JobSummary; run: JobRun }>();

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
  return (
    <>
      <Grid item>
        <Typography variant="h5" component="h2">
          Jobs
        </Typography>
        <Typography variant="body2">
          Containers that run to the end and stop, such as reports and imports:
          run them now, schedule them, and read each run's log.
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
      {jobs.map(job => (
        <Grid item key={`${job.host}/${job.containerId}`}>
          <JobCard
            job={job}
            entity={entity}
            version={version}
            busy={actions.busyAction(job)}
            onRequest={action => setPending({ job, action })}
            onOpenLog={run => setLogsOf({ job, run })}
          />
        </Grid>
      ))}
      {logsOf && (
        <LogsDrawer
          source={{
            kind: 'run',
            target: {
              entityRef: getCompoundEntityRef(entity),
              host: logsOf.job.host,
              id: logsOf.job.containerId,
              runId: logsOf.run.id,
            },
          }}
          subject={runLogSubject(logsOf.run)}
          onClose={() => setLogsOf(undefined)}
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
