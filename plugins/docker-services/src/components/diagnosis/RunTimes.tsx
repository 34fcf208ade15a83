import { ContainerDiagnosis } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { formatDuration } from '../describeState';
import { formatDateTime } from '../time/Ago';

/**
 * When its last run started and ended, in words: "It started 5 Dec 2026,
 * 10:04:31 and stopped 5 Dec 2026, 12:00:00, after 1 hour." Docker's own
 * times follow in its terms, on the line after.
 */
export function runTimesSentence(d: ContainerDiagnosis): string | undefined {
  const started = d.startedAt ? formatDateTime(d.startedAt) : undefined;
  const ended = d.finishedAt ? formatDateTime(d.finishedAt) : undefined;
  const verb = d.state === 'dead' ? 'died' : 'stopped';
  if (started && ended) {
    const ranFor = formatDuration(new Date(d.finishedAt!), d.startedAt!);
    return `It started ${started} and ${verb} ${ended}, after ${ranFor}.`;
  }
  if (started) return `It started ${started}.`;
  if (ended) return `It ${verb} ${ended}.`;
  return undefined;
}

/** The run's times in words, then in Docker's terms: the dialog's last lines. */
export function RunTimes({ diagnosis }: { diagnosis: ContainerDiagnosis }) {
  const words = runTimesSentence(diagnosis);
  return (
    <>
      {words && (
        <Typography variant="body2" component="p" data-testid="diagnosis-times">
          {words}
        </Typography>
      )}
      <Typography
        variant="caption"
        component="p"
        data-testid="diagnosis-docker-terms"
      >
        In Docker's terms: {diagnosis.dockerTerms}
      </Typography>
    </>
  );
}
