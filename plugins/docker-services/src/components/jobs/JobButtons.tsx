import { JobSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { AskOwnersToRun } from '../askOwners/AskOwnersToRun';
import { ReasonedButton } from '../ReasonedButton';
import { JobButton } from '../whyDisabled';

const BUTTONS = [
  { button: 'run', label: 'Run now', name: (job: string) => `Run now: ${job}` },
  {
    button: 'schedule',
    label: 'Schedule…',
    name: (job: string) => `Schedule ${job}`,
  },
] as const;

/**
 * Run now and Schedule… for one job. A disabled one says why in a line
 * of text under the buttons (one line for both when the reason is the
 * same), which is also its accessible description. Someone the policy
 * keeps from running it may ask the owners to, beside them.
 */
export function JobButtons(props: {
  job: JobSummary;
  reason: (button: JobButton) => string | undefined;
  busy?: JobButton;
  onRequest: (button: 'run' | 'schedule') => void;
}) {
  const { job, busy, reason } = props;
  const idOf = (button: JobButton) =>
    `docker-services-job-${button}-${job.host}-${job.containerId}`;
  const reasons: Array<{ id: string; text: string }> = [];
  const reasonIdOf = (button: 'run' | 'schedule') => {
    const text = reason(button);
    if (!text) return undefined;
    const known = reasons.find(r => r.text === text);
    if (known) return known.id;
    const id = `${idOf(button)}-why`;
    reasons.push({ id, text });
    return id;
  };
  const buttons = BUTTONS.map(b => ({ ...b, reasonId: reasonIdOf(b.button) }));
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-end',
        maxWidth: 360,
      }}
    >
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
        {buttons.map(b => (
          <ReasonedButton
            key={b.button}
            id={idOf(b.button)}
            label={b.label}
            accessibleName={b.name(job.containerName)}
            reason={reason(b.button)}
            describedBy={b.reasonId}
            busy={Boolean(busy)}
            inProgress={busy === b.button}
            onClick={() => props.onRequest(b.button)}
          />
        ))}
        <AskOwnersToRun job={job} />
      </span>
      {reasons.map(r => (
        <Typography
          key={r.id}
          id={r.id}
          variant="body2"
          color="textSecondary"
          align="right"
          data-testid="job-button-reason"
        >
          {r.text}
        </Typography>
      ))}
    </div>
  );
}
