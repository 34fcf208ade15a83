import { FleetSwarmService } from '@docker-services/backstage-plugin-docker-services-common';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { NO_WRAP } from '../OneLine';
import { ToneLabel } from '../ToneLabel';
import { toneOfLevel } from '../overview/statusWords';
import { taskLine } from './fleetWords';
import { OwnerCell, ServicesTabLink } from './links';
import { NameCell, ResultHead } from './resultCells';

/**
 * The Swarm services a search found, one row each as containers have: the
 * service (its stack under it), its state in words, its manager, its tasks
 * (those the search found, or those meant to run), its entity and owner.
 */
export function ServiceResults({
  services,
  query,
}: {
  services: FleetSwarmService[];
  query: string;
}) {
  return (
    <TableContainer component={Paper} style={{ marginBottom: 16 }}>
      <Table size="small" id="docker-fleet-services">
        <caption>
          Swarm services{query ? ` matching “${query}”` : ''}, with their tasks,
          the entity each runs and whom to ask about it.
        </caption>
        <ResultHead
          columns={['Service', 'State', 'Host', 'Tasks', 'Entity', 'Owner']}
        />
        <TableBody>
          {services.map(s => (
            <TableRow
              key={`${s.host}/${s.id}`}
              data-testid={`service-${s.name}`}
            >
              <NameCell
                name={s.name}
                detail={s.stack ? `stack ${s.stack}` : s.id.slice(0, 12)}
              />
              <TableCell style={NO_WRAP}>
                <ToneLabel tone={toneOfLevel(s.level)}>{s.summary}</ToneLabel>
              </TableCell>
              <TableCell style={NO_WRAP}>{s.host}</TableCell>
              <TableCell>
                {s.tasks.length === 0 ? (
                  <Typography variant="body2">
                    No task is meant to run
                  </Typography>
                ) : (
                  s.tasks.map(t => (
                    <Typography key={t.id} variant="body2" display="block">
                      {taskLine(t)}
                    </Typography>
                  ))
                )}
              </TableCell>
              <TableCell>
                <ServicesTabLink entity={s.entity} title={s.entity.title} />
              </TableCell>
              <TableCell>
                <OwnerCell entity={s.entity} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
