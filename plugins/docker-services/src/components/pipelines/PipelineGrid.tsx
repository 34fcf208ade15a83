import {
  JobRun,
  PipelineRun,
  PipelineStepRun,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { NO_WRAP } from '../OneLine';
import { Ago } from '../time/Ago';
import { useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import { stepCellDetail, stepStateWords, stepTone } from './pipelineWords';

/** How many pipeline runs the grid shows, newest on the right. */
const COLUMNS = 10;

function StepCell(props: {
  run: PipelineRun;
  step: PipelineStepRun;
  logsRefusal?: string;
  onOpenLog: (run: JobRun) => void;
}) {
  const { run, step } = props;
  const now = useNow();
  const detail = stepCellDetail(step, now);
  const words = (
    <ToneLabel tone={stepTone(step)}>{stepStateWords(step)}</ToneLabel>
  );
  // A step that ran opens its run's log; the duration shows on hover or
  // keyboard focus, and is part of what screen readers read.
  if (!step.run || props.logsRefusal) {
    return (
      <Tooltip title={detail}>
        <span
          aria-label={`${stepStateWords(step)}: ${step.step} in pipeline run ${
            run.id
          } (${detail})`}
        >
          {words}
        </span>
      </Tooltip>
    );
  }
  const jobRun = step.run;
  return (
    <Tooltip title={detail}>
      <Button
        size="small"
        onClick={() => props.onOpenLog(jobRun)}
        // Starts with the words it shows, as a spoken name must.
        aria-label={`${stepStateWords(step)}: log of ${
          step.step
        } in pipeline run ${run.id} (${detail})`}
        style={{ textTransform: 'none', ...NO_WRAP }}
      >
        {words}
      </Button>
    </Tooltip>
  );
}

/**
 * Airflow's grid: a row per step, a column per pipeline run (the newest on
 * the right), each cell the step's outcome in colour and in words; a cell
 * that ran opens that step's run log.
 */
export function PipelineGrid(props: {
  pipeline: PipelineSummary;
  logsRefusal?: string;
  onOpenLog: (run: JobRun) => void;
}) {
  const { pipeline } = props;
  const runs = pipeline.runs.slice(0, COLUMNS).reverse();
  const captionId = `docker-services-pipeline-${pipeline.host}-${pipeline.name}`;
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table size="small" aria-labelledby={captionId}>
        <caption id={captionId} style={{ captionSide: 'top', padding: 0 }}>
          Steps of {pipeline.name} (rows) in its last {runs.length} pipeline{' '}
          {runs.length === 1 ? 'run' : 'runs'} (columns, newest last)
        </caption>
        <TableHead>
          <TableRow>
            <TableCell style={NO_WRAP}>Step</TableCell>
            {runs.map(run => (
              <TableCell
                key={run.id}
                style={NO_WRAP}
                data-testid="pipeline-run-head"
              >
                Run {run.id}
                <br />
                <small>
                  <Ago iso={run.startedAt} />
                </small>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {pipeline.steps.map((step, index) => (
            <TableRow key={step.name} data-testid="pipeline-step">
              <TableCell component="th" scope="row" style={NO_WRAP}>
                {index + 1}. {step.name}
              </TableCell>
              {runs.map(run => {
                // A run from before the pipeline's steps changed may lack one.
                const stepRun = run.steps.find(s => s.step === step.name);
                return (
                  <TableCell key={run.id} style={NO_WRAP}>
                    {stepRun ? (
                      <StepCell
                        run={run}
                        step={stepRun}
                        logsRefusal={props.logsRefusal}
                        onOpenLog={props.onOpenLog}
                      />
                    ) : (
                      'not a step then'
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
