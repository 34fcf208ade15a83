import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ContainerSummary,
  MyServicesResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import { serviceTone } from '../swarm/serviceWords';
import { StateLabel } from '../StateLabel';
import { useNow } from '../time/NowProvider';
import { ToneLabel } from '../ToneLabel';
import { failedJobWords } from './fleetWords';
import { HostStrip } from './HostStrip';
import { ServicesTabLink } from './links';

type OwnedEntity = MyServicesResponse['entities'][number];

/** "2 of 3 running; 1 failing its health check; 1 stopped", in words. */
export function summarizeContainers(containers: ContainerSummary[]): string {
  const total = containers.length;
  const running = containers.filter(c => c.state === 'running').length;
  const unhealthy = containers.filter(
    c => c.state === 'running' && c.health === 'unhealthy',
  ).length;
  const failed = containers.filter(
    c =>
      (c.state === 'exited' || c.state === 'dead') &&
      c.exitCode !== undefined &&
      c.exitCode !== 0,
  ).length;
  const stopped = containers.filter(
    c => c.state !== 'running' && c.state !== 'restarting',
  ).length;
  const parts = [
    running === total
      ? `${total === 1 ? 'Its container is' : `All ${total} are`} running`
      : `${running} of ${total} running`,
  ];
  if (unhealthy) parts.push(`${unhealthy} failing its health check`);
  if (failed) parts.push(`${failed} ended with an error`);
  else if (stopped) parts.push(`${stopped} not running`);
  return parts.join('; ');
}

function OwnedEntityCard({ entity }: { entity: OwnedEntity }) {
  const now = useNow();
  const headingId = `my-service-${entity.ref.replace(/[^a-z0-9]/gi, '-')}`;
  const services = entity.services ?? [];
  const failingJobs = entity.failingJobs ?? [];
  return (
    <Card
      component="section"
      aria-labelledby={headingId}
      data-testid="my-service"
      style={{ marginBottom: 16 }}
    >
      <CardContent>
        <Typography variant="h6" component="h3" id={headingId}>
          <ServicesTabLink entity={entity} title={entity.title} />
        </Typography>
        {entity.containers.length > 0 && (
          <Typography variant="body2" gutterBottom>
            {summarizeContainers(entity.containers)}
          </Typography>
        )}
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {failingJobs.map(job => (
            <li key={`job ${job.host}/${job.name}`}>
              <Typography variant="body2" component="span">
                Job {job.name} on {job.host}:{' '}
              </Typography>
              <ToneLabel tone="error">{failedJobWords(job, now)}</ToneLabel>
            </li>
          ))}
          {services.map(s => (
            <li key={`service ${s.host}/${s.id}`}>
              <Typography variant="body2" component="span">
                Swarm service {s.name} on {s.host}:{' '}
              </Typography>
              <ToneLabel tone={serviceTone(s)}>{s.summary}</ToneLabel>
            </li>
          ))}
          {entity.containers.map(c => (
            <li key={`${c.host}/${c.id}`}>
              <Typography variant="body2" component="span">
                {c.name} on {c.host}:{' '}
              </Typography>
              <StateLabel container={c} />
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/**
 * Every entity the user or their teams own that runs containers or Swarm
 * services, worst first, with its jobs whose last run failed.
 */
export function MyServices() {
  const api = useApi(dockerServicesApiRef);
  const { value, loading, error } = useAsync(() => api.listMyServices(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <>
      <HostStrip hosts={value.hosts} />
      {value.entities.length === 0 ? (
        <EmptyState
          missing="data"
          title="Nothing running for you"
          description="None of the components you or your teams own run containers or Swarm services bound to them."
        />
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {value.entities.length} of your{' '}
            {value.entities.length === 1 ? 'entities runs' : 'entities run'}{' '}
            containers, Swarm services or jobs; those needing attention first.
          </Typography>
          {value.entities.map(entity => (
            <OwnedEntityCard key={entity.ref} entity={entity} />
          ))}
        </>
      )}
    </>
  );
}
