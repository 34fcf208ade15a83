import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import {
  JobRun,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useJobPermissions } from '../../hooks/useActionPermissions';
import { useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import { JobButton, whyJobButtonDisabled } from '../whyDisabled';
import { JobButtons } from './JobButtons';
import { JobRunsTable } from './JobRunsTable';
import {
  lastRunSentence,
  retriesSentence,
  runTone,
  scheduleSentence,
} from './jobWords';

/**
 * One job: its last run, its schedule and retries in words, Run now and
 * Schedule…, and its runs with their logs.
 */
export function JobCard(props: {
  job: JobSummary;
  entity: Entity;
  version: number;
  busy?: JobButton;
  /** Why a later step of a pipeline is not run or scheduled on its own. */
  stepNote?: string;
  onRequest: (button: 'run' | 'schedule') => void;
  onOpenLog: (run: JobRun) => void;
}) {
  const { job, entity } = props;
  const permissions = useJobPermissions(entity);
  // "Last run … 2 hours ago", "next at …" move on with the page's clock.
  const now = useNow();
  const reason = (button: JobButton) =>
    (button !== 'logs' && props.stepNote) ||
    whyJobButtonDisabled({ button, job, entity, permissions });
  const retries = retriesSentence(job);
  return (
    <InfoCard
      title={`Job ${job.containerName} on host ${job.host}`}
      titleTypographyProps={{ component: 'h3' }}
    >
      <Box display="flex" flexWrap="wrap" justifyContent="space-between">
        <div data-testid="job-summary">
          <Typography variant="body1" component="div">
            {job.lastRun ? (
              <ToneLabel tone={runTone(job.lastRun)}>
                {lastRunSentence(job, now)}
              </ToneLabel>
            ) : (
              lastRunSentence(job, now)
            )}
          </Typography>
          <Typography variant="body2">{scheduleSentence(job, now)}</Typography>
          {retries && <Typography variant="body2">{retries}</Typography>}
        </div>
        <JobButtons
          job={job}
          reason={reason}
          busy={props.busy}
          onRequest={props.onRequest}
        />
      </Box>
      <Box mt={2}>
        <JobRunsTable
          entity={entity}
          job={job}
          version={props.version}
          logsRefusal={reason('logs')}
          onOpenLog={props.onOpenLog}
        />
      </Box>
    </InfoCard>
  );
}
