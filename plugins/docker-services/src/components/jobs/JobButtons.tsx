import { JobSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { ReasonedButton } from '../ReasonedButton';
import { JobButton } from '../whyDisabled';

/** Run now and Schedule… for one job; disabled ones say why (`reason`). */
export function JobButtons(props: {
  job: JobSummary;
  reason: (button: JobButton) => string | undefined;
  busy?: JobButton;
  onRequest: (button: 'run' | 'schedule') => void;
}) {
  const { job, busy, reason } = props;
  const idOf = (button: JobButton) =>
    `docker-services-job-${button}-${job.host}-${job.containerId}`;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <ReasonedButton
        id={idOf('run')}
        label="Run now"
        accessibleName={`Run now: ${job.containerName}`}
        reason={reason('run')}
        busy={Boolean(busy)}
        inProgress={busy === 'run'}
        onClick={() => props.onRequest('run')}
      />
      <ReasonedButton
        id={idOf('schedule')}
        label="Schedule…"
        accessibleName={`Schedule ${job.containerName}`}
        reason={reason('schedule')}
        busy={Boolean(busy)}
        inProgress={busy === 'schedule'}
        onClick={() => props.onRequest('schedule')}
      />
    </span>
  );
}
