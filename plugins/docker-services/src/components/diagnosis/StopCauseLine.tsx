import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { StopCause } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';
import { Ago } from '../time/Ago';

/** Who stopped the container: someone in the portal (and why), or not the portal. */
export function StopCauseLine({ cause }: { cause: StopCause }) {
  if (cause.kind === 'outside') {
    return (
      <Typography variant="body2" data-testid="diagnosis-stopped-by">
        Stopped outside the portal: nobody ran stop or restart here before it
        ended, so it stopped by itself, or Docker, the machine or someone on it
        stopped it.
      </Typography>
    );
  }
  const why = cause.reason ? `reason: “${cause.reason}”` : 'no reason given';
  return (
    <Typography variant="body2" data-testid="diagnosis-stopped-by">
      Stopped from the portal by{' '}
      <EntityRefLink entityRef={cause.actor} defaultKind="user" />, who ran{' '}
      {cause.action} <Ago iso={cause.at} /> ({why}).
    </Typography>
  );
}
