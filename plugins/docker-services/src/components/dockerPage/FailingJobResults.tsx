import { FleetFailedJob } from '@docker-services/backstage-plugin-docker-services-common';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableRow from '@material-ui/core/TableRow';
import { NO_WRAP } from '../OneLine';
import { ToneLabel } from '../ToneLabel';
import { useNow } from '../time/NowProvider';
import { failedJobWords } from './fleetWords';
import { OwnerCell, ServicesTabLink } from './links';
import { NameCell, ResultHead } from './resultCells';

/**
 * Jobs whose last run failed, newest failure first: the job, when and how
 * it failed in words, its host, its entity and owner.
 */
export function FailingJobResults({
  jobs,
  query,
}: {
  jobs: FleetFailedJob[];
  query: string;
}) {
  const now = useNow();
  return (
    <TableContainer component={Paper} style={{ marginBottom: 16 }}>
      <Table size="small" id="docker-fleet-failing-jobs">
        <caption>
          Jobs whose last run failed{query ? `, matching “${query}”` : ''}, with
          the entity each runs for and whom to ask about it.
        </caption>
        <ResultHead columns={['Job', 'Last run', 'Host', 'Entity', 'Owner']} />
        <TableBody>
          {jobs.map(job => (
            <TableRow
              key={`${job.host}/${job.containerId}`}
              data-testid={`failing-job-${job.name}`}
            >
              <NameCell name={job.name} detail={job.containerId.slice(0, 12)} />
              <TableCell>
                <ToneLabel tone="error">{failedJobWords(job, now)}</ToneLabel>
              </TableCell>
              <TableCell style={NO_WRAP}>{job.host}</TableCell>
              <TableCell>
                <ServicesTabLink entity={job.entity} title={job.entity.title} />
              </TableCell>
              <TableCell>
                <OwnerCell entity={job.entity} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
