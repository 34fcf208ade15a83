import {
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  ContainerTarget,
  dockerServicesApiRef,
} from '../api/DockerServicesApi';
import { LiveCharts } from './charts/LiveCharts';
import { describeState, explainExit, formatDuration } from './describeState';
import { useFocusRing } from './focusRing';
import { formatDateTime } from './time/Ago';
import { useNow } from './time/NowProvider';

/** "Dec 5, 2026, 10:04:31 AM (3 hours ago)": a moment in words, not Docker's nanoseconds. */
function momentWords(iso: string, now: Date): string {
  return `${formatDateTime(iso)} (${formatDuration(now, iso)} ago)`;
}

/** The Docker terms behind the plain words: ids, times, exit, health checks. */
export function ContainerDetailsDialog(props: {
  target: ContainerTarget;
  container: ContainerSummary;
  onClose: () => void;
}) {
  const api = useApi(dockerServicesApiRef);
  const focusRing = useFocusRing();
  const now = useNow();
  const { value, loading, error } = useAsync(
    () => api.getContainerDetails(props.target),
    [api, props.target.host, props.target.id],
  );
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="details-title"
      PaperProps={{ className: focusRing.root }}
    >
      <DialogTitle id="details-title">{props.container.name}</DialogTitle>
      {/* It scrolls when long: focusable, so the keyboard can scroll it. */}
      <DialogContent tabIndex={0}>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <Typography variant="body1" gutterBottom>
              {describeState(value, now)}
            </Typography>
            <LiveCharts
              target={props.target}
              running={props.container.state === 'running'}
            />
            <StructuredMetadataTable
              metadata={{
                'Container id': value.id,
                Host: value.host,
                Image: value.image,
                'Docker state': value.state,
                'Docker status': value.status,
                Health: value.health ?? 'no health check',
                Created: momentWords(value.createdAt, now),
                'Last started': value.startedAt
                  ? momentWords(value.startedAt, now)
                  : 'never',
                'Last finished': value.finishedAt
                  ? momentWords(value.finishedAt, now)
                  : '—',
                'Exit code':
                  value.exitCode === undefined
                    ? '—'
                    : `${value.exitCode} (${explainExit(
                        value.exitCode,
                        value.oomKilled,
                      )})`,
                'Killed for memory': value.oomKilled ? 'yes' : 'no',
                Restarts: value.restartCount ?? 0,
                Ports:
                  value.ports
                    .map(
                      p =>
                        `${p.publicPort ? `${p.publicPort}→` : ''}${
                          p.privatePort
                        }/${p.protocol}`,
                    )
                    .join(', ') || 'none published',
                Compose: value.compose
                  ? `project ${value.compose.project}${
                      value.compose.service
                        ? `, service ${value.compose.service}`
                        : ''
                    }${
                      value.compose.number
                        ? `, replica ${value.compose.number}`
                        : ''
                    }`
                  : '—',
              }}
            />
            <Typography variant="h6" style={{ marginTop: 16 }}>
              Recent health checks
            </Typography>
            {value.healthLog.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {value.health
                  ? 'No health check has run yet.'
                  : 'This container has no health check.'}
              </Typography>
            ) : (
              value.healthLog.map(run => (
                <Typography key={run.start} variant="body2" component="div">
                  <time dateTime={run.start}>{formatDateTime(run.start)}</time>:{' '}
                  {run.exitCode === 0
                    ? 'passed'
                    : `failed (exit ${run.exitCode})`}
                  {run.output.trim() ? ` — ${run.output.trim()}` : ''}
                </Typography>
              ))
            )}
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
