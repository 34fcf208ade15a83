import { HealthCheckRun } from '@docker-services/backstage-plugin-docker-services-common';
import Typography from '@material-ui/core/Typography';

/** The last health checks, newest first: passed or failed, and what they printed. */
export function HealthChecks({ checks }: { checks: HealthCheckRun[] }) {
  if (checks.length === 0) {
    return (
      <Typography variant="body2">Docker kept no health-check runs.</Typography>
    );
  }
  return (
    <ul data-testid="diagnosis-health" style={{ margin: 0, paddingLeft: 20 }}>
      {[...checks].reverse().map(check => (
        <li key={`${check.start}-${check.end}`}>
          <Typography variant="body2" component="span">
            <time dateTime={check.end}>{check.end}</time>:{' '}
            {check.exitCode === 0
              ? 'passed'
              : `failed (exit code ${check.exitCode})`}
            {check.output.trim() ? ` — ${check.output.trim()}` : ''}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
