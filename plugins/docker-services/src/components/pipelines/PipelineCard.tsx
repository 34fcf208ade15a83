import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import {
  JobRun,
  JobSummary,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useJobPermissions } from '../../hooks/useActionPermissions';
import { scheduleSentence } from '../jobs/jobWords';
import { ReasonedButton } from '../ReasonedButton';
import { useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import { whyJobButtonDisabled } from '../whyDisabled';
import { PipelineGrid } from './PipelineGrid';
import {
  lastPipelineRunSentence,
  pipelineTone,
  runAgainChoices,
} from './pipelineWords';

/**
 * One pipeline: its steps in order, its schedule (its first step's) and
 * next run, its last run in words, the grid of its last runs, and "Run
 * again from a step…" for the newest run once it ended. A pipeline whose
 * labels do not make one (a cycle, a missing step) says so instead.
 */
export function PipelineCard(props: {
  pipeline: PipelineSummary;
  jobs: JobSummary[];
  entity: Entity;
  busy: boolean;
  onOpenLog: (run: JobRun) => void;
  onRunAgain: () => void;
}) {
  const { pipeline, entity } = props;
  const now = useNow();
  const permissions = useJobPermissions(entity);
  const first = props.jobs.find(
    job =>
      job.host === pipeline.host &&
      job.containerId === pipeline.steps[0]?.containerId,
  );
  const logsRefusal = first
    ? whyJobButtonDisabled({ button: 'logs', job: first, entity, permissions })
    : undefined;
  const newest = pipeline.runs[0];
  const runAgainRefusal = (() => {
    if (!first || !newest) return undefined;
    const refusal = whyJobButtonDisabled({
      button: 'run',
      job: { ...first, running: false },
      entity,
      permissions,
    });
    if (refusal) return refusal;
    if (newest.status === 'running')
      return `Pipeline run ${newest.id} is still running.`;
    if (!runAgainChoices(pipeline, newest).length)
      return 'No step of the last pipeline run can run again.';
    return undefined;
  })();
  const order = pipeline.steps.map(s => s.name).join(' → ');
  return (
    <InfoCard
      title={`Pipeline ${pipeline.name} on host ${pipeline.host}`}
      subheader={order}
      titleTypographyProps={{ component: 'h3' }}
    >
      {pipeline.problem ? (
        <Typography
          variant="body1"
          color="error"
          data-testid="pipeline-problem"
        >
          {pipeline.problem}
        </Typography>
      ) : (
        <>
          <Box
            display="flex"
            flexWrap="wrap"
            justifyContent="space-between"
            alignItems="flex-start"
          >
            <div data-testid="pipeline-summary">
              <Typography variant="body1" component="div">
                {newest ? (
                  <ToneLabel tone={pipelineTone(newest)}>
                    {lastPipelineRunSentence(pipeline, now)}
                  </ToneLabel>
                ) : (
                  lastPipelineRunSentence(pipeline, now)
                )}
              </Typography>
              {first && (
                <Typography variant="body2">
                  {scheduleSentence(first, now)} (the schedule of{' '}
                  {first.containerName}, its first step; Run now on it runs the
                  pipeline)
                </Typography>
              )}
              {newest?.rerun && (
                <Typography variant="body2" color="textSecondary">
                  Run {newest.id} was run again from {newest.rerun.step}
                  {newest.rerun.reason ? `: ${newest.rerun.reason}` : ''}
                </Typography>
              )}
            </div>
            {newest && (
              <ReasonedButton
                id={`docker-services-pipeline-again-${pipeline.host}-${pipeline.name}`}
                label="Run again from a step…"
                accessibleName={`Run again from a step… (pipeline run ${newest.id} of ${pipeline.name})`}
                reason={runAgainRefusal}
                busy={props.busy}
                inProgress={props.busy}
                onClick={props.onRunAgain}
              />
            )}
          </Box>
          {pipeline.runs.length > 0 && (
            <Box mt={2}>
              <PipelineGrid
                pipeline={pipeline}
                logsRefusal={logsRefusal}
                onOpenLog={props.onOpenLog}
              />
            </Box>
          )}
        </>
      )}
    </InfoCard>
  );
}
