import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ContainerDiagnosis } from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { ContainerTarget } from '../../api/DockerServicesApi';
import { useDiagnosis } from '../../hooks/useDiagnosis';
import { HealthChecks } from './HealthChecks';
import { LastErrorLead } from './LastErrorLead';
import { LastLogLines } from './LastLogLines';
import { RunTimes } from './RunTimes';
import { StopCauseLine } from './StopCauseLine';
import { useFocusRing } from '../focusRing';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mt={2}>
      <Typography variant="subtitle1" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * The diagnosis: the last error its log names and plain words first, the
 * facts behind them, its times in words and Docker's terms last.
 */
function DiagnosisBody(props: {
  diagnosis: ContainerDiagnosis;
  onOpenLogsAt?: (until?: string) => void;
}) {
  const { diagnosis: d, onOpenLogsAt } = props;
  return (
    <>
      <LastErrorLead diagnosis={d} />
      <Typography variant="body1" data-testid="diagnosis-summary">
        {d.summary}
      </Typography>
      {d.stoppedBy && (
        <Section title="Who stopped it">
          <StopCauseLine cause={d.stoppedBy} />
        </Section>
      )}
      {d.restartLoop && (
        <Section title="Restarts">
          <Typography variant="body2" data-testid="diagnosis-restart-loop">
            {d.restartLoop.message}
          </Typography>
        </Section>
      )}
      {d.health && (
        <Section title={`Health checks (now ${d.health.status})`}>
          <HealthChecks checks={d.health.checks} />
        </Section>
      )}
      <Section
        title={
          d.linesUntil
            ? 'The last log lines before it stopped'
            : 'Its last log lines'
        }
      >
        {d.linesError && (
          <Typography variant="body2">{d.linesError}</Typography>
        )}
        {d.lastLines.length > 0 ? (
          <LastLogLines lines={d.lastLines} />
        ) : (
          !d.linesError && (
            <Typography variant="body2">It wrote no log lines.</Typography>
          )
        )}
        {onOpenLogsAt && (
          <Link
            component="button"
            variant="body2"
            onClick={() => onOpenLogsAt(d.linesUntil)}
          >
            {d.linesUntil ? 'Open the logs at this moment' : 'Open the logs'}
          </Link>
        )}
      </Section>
      <Box mt={2}>
        <RunTimes diagnosis={d} />
      </Box>
    </>
  );
}

/**
 * "Why did it stop?": why a container stopped, keeps restarting or is
 * unhealthy, for someone who is not a Docker expert, with its last log
 * lines and a way into the full log at that moment. Focus returns to the
 * button that opened it when it closes.
 */
export function DiagnosisDialog(props: {
  target: ContainerTarget;
  containerName: string;
  question: string;
  /** Opens the logs drawer ending at `until`; absent when the user may not read logs. */
  onOpenLogsAt?: (until?: string) => void;
  onClose: () => void;
}) {
  const { value, loading, error } = useDiagnosis(props.target);
  const focusRing = useFocusRing();
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="diagnosis-title"
      PaperProps={{ className: focusRing.root }}
    >
      <DialogTitle id="diagnosis-title">
        {props.containerName}: {props.question}
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <DiagnosisBody diagnosis={value} onOpenLogsAt={props.onOpenLogsAt} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
