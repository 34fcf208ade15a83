import {
  ContainerDiagnosis,
  stripControlSequences,
} from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatDateTime } from '../time/Ago';
import { lastErrorLine } from './lastErrorLine';

/**
 * What "Why did it stop?" leads with: the last line of its log that names
 * an error, with its time in words. Nothing when no line does, or when
 * someone stopped it from the portal (then who and why come first, and an
 * earlier error is no cause).
 */
export function LastErrorLead({
  diagnosis,
}: {
  diagnosis: ContainerDiagnosis;
}) {
  if (diagnosis.stoppedBy?.kind === 'portal') return null;
  const line = lastErrorLine(diagnosis.lastLines);
  if (!line) return null;
  return (
    <Box mb={2} data-testid="diagnosis-last-error">
      <Typography variant="body2" component="p">
        {line.time
          ? `The last error in its log, at ${formatDateTime(line.time)}:`
          : 'The last error in its log:'}
      </Typography>
      <Typography
        variant="body1"
        component="p"
        style={{
          fontFamily: 'monospace',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {stripControlSequences(line.line, { keepColours: false })}
      </Typography>
    </Box>
  );
}
