import { Entity } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import {
  JobRun,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useJobRuns } from '../../hooks/useJobRuns';
import { ColumnHeads } from '../ColumnHeads';
import { ReasonedButton } from '../ReasonedButton';
import { NO_WRAP } from '../OneLine';
import { ShowOlderButton } from '../ShowOlderButton';
import { Ago } from '../time/Ago';
import { useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import {
  runDurationWords,
  runNumberWords,
  runOutcomeWords,
  runTone,
  startedByWords,
} from './jobWords';

const COLUMNS = ['Run', 'Started by', 'Started', 'Duration', 'Outcome', 'Log'];

function RunRow(props: {
  run: JobRun;
  runs: JobRun[];
  logsRefusal?: string;
  onOpenLog: (run: JobRun) => void;
}) {
  const { run } = props;
  const now = useNow();
  return (
    <TableRow data-testid="job-run">
      <TableCell component="th" scope="row" style={NO_WRAP}>
        {runNumberWords(run, props.runs)}
      </TableCell>
      <TableCell>
        {startedByWords(run)}
        {run.reason && (
          <Typography variant="caption" color="textSecondary" display="block">
            Reason: {run.reason}
          </Typography>
        )}
      </TableCell>
      <TableCell style={NO_WRAP}>
        <Ago iso={run.startedAt} />
      </TableCell>
      <TableCell style={NO_WRAP}>{runDurationWords(run, now)}</TableCell>
      <TableCell>
        <ToneLabel tone={runTone(run)}>{runOutcomeWords(run)}</ToneLabel>
      </TableCell>
      <TableCell>
        {/* A skipped run never started: it has no log. */}
        {run.outcome !== 'skipped' && (
          <ReasonedButton
            id={`docker-services-run-log-${run.host}-${run.id}`}
            label="Log"
            accessibleName={`Log of run ${run.id} of ${run.containerName}`}
            reason={props.logsRefusal}
            busy={false}
            inProgress={false}
            primary
            onClick={() => props.onOpenLog(run)}
          />
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * A job's runs, newest first, a page at a time: who or what started each,
 * when, for how long, how it ended, and its log. `version` re-reads the
 * latest page (a run started or ended).
 */
export function JobRunsTable(props: {
  entity: Entity;
  job: JobSummary;
  version: number;
  logsRefusal?: string;
  onOpenLog: (run: JobRun) => void;
}) {
  const { job } = props;
  const runs = useJobRuns(props.entity, job, props.version);
  const headingId = `docker-services-runs-${job.host}-${job.containerId}`;
  if (runs.error) return <ResponseErrorPanel error={runs.error} />;
  if (runs.items?.length === 0) {
    return (
      <Typography variant="body2">
        {job.containerName} has not run since the portal began recording its
        runs.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="h6" component="h4" id={headingId}>
        Runs of {job.containerName}
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <ColumnHeads columns={COLUMNS} />
        <TableBody>
          {(runs.items ?? []).map(run => (
            <RunRow
              key={run.id}
              run={run}
              runs={runs.items!}
              logsRefusal={props.logsRefusal}
              onOpenLog={props.onOpenLog}
            />
          ))}
        </TableBody>
      </Table>
      <ShowOlderButton
        hasOlder={runs.hasOlder}
        loadOlder={runs.loadOlder}
        label="Show older runs"
        accessibleName={`Show older runs of ${job.containerName}`}
        allShown={`All ${runs.items?.length} runs are shown.`}
      />
    </>
  );
}
