import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { FleetContainer } from '@docker-services/backstage-plugin-docker-services-common';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import { contentShare, NO_WRAP, OneLine } from '../OneLine';
import { StateLabel } from '../StateLabel';
import { FailingJobResults } from './FailingJobResults';
import { resultsSentence } from './fleetWords';
import { HostStrip } from './HostStrip';
import { BindingCell, OwnerCell } from './links';
import { NameCell, ResultHead } from './resultCells';
import { ServiceResults } from './ServiceResults';

/**
 * What "bound to no entity" covers, for those who see such containers: the
 * index holds only containers that name an entity (by label or admin rule),
 * so one that names none at all is not listed.
 */
export const UNBOUND_MEANS =
  'containers bound to no entity or to several are included. “Bound to no entity” means the container names an entity (by its docker-services.entity label or an admin rule) that the catalog does not have; containers that name no entity at all are not listed here.';

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Results asked for per search. */
export const SEARCH_LIMIT = 100;

function ResultRow({ container: c }: { container: FleetContainer }) {
  return (
    <TableRow data-testid={`result-${c.name}`}>
      <NameCell name={c.name} detail={c.id.slice(0, 12)} />
      <TableCell>
        <StateLabel container={c} />
      </TableCell>
      <TableCell style={NO_WRAP}>{c.host}</TableCell>
      <TableCell>
        <OneLine full={c.image} maxWidth={contentShare(0.16)} />
      </TableCell>
      <TableCell>
        <BindingCell container={c} />
      </TableCell>
      <TableCell>
        <OwnerCell entity={c.entity} />
      </TableCell>
    </TableRow>
  );
}

const useStyles = makeStyles(theme => ({
  readable: { color: theme.palette.text.primary },
}));

/**
 * Find a container, Swarm service or failing job anywhere: by name, id,
 * image, Compose project/service, stack, task or entity, and see whose it
 * is and how to reach them.
 */
export function FindContainer() {
  const classes = useStyles();
  const api = useApi(dockerServicesApiRef);
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  useDebounce(() => setQuery(input.trim()), SEARCH_DEBOUNCE_MS, [input]);
  const result = useAsync(
    () => api.searchFleet({ q: query, limit: SEARCH_LIMIT }),
    [api, query],
  );

  return (
    <>
      <TextField
        id="docker-fleet-search"
        label="Find a container"
        helperText="Name, id, image, Compose project or service, Swarm service, stack or task"
        variant="outlined"
        fullWidth
        margin="normal"
        type="search"
        value={input}
        onChange={e => setInput(e.target.value)}
        inputProps={{ 'aria-controls': 'docker-fleet-results' }}
        // The theme's secondary text is a shade too light on this page's
        // background (4.47:1): the label and its help in the body colour.
        InputLabelProps={{ className: classes.readable }}
        FormHelperTextProps={{ className: classes.readable }}
      />
      <Typography
        variant="body2"
        role="status"
        aria-live="polite"
        data-testid="results-count"
        gutterBottom
      >
        {result.value
          ? resultsSentence({
              containers: result.value.containers.length,
              services: result.value.services?.length ?? 0,
              failingJobs: result.value.failingJobs?.length ?? 0,
              q: query,
              truncated: result.value.truncated,
            })
          : ''}
      </Typography>
      {result.loading && <Progress />}
      {result.error && <ResponseErrorPanel error={result.error} />}
      {result.value && (
        <>
          <HostStrip hosts={result.value.hosts} />
          {/* Worst first: what failed, then services, then containers. */}
          {!!result.value.failingJobs?.length && (
            <FailingJobResults jobs={result.value.failingJobs} query={query} />
          )}
          {!!result.value.services?.length && (
            <ServiceResults services={result.value.services} query={query} />
          )}
          {result.value.containers.length > 0 && (
            <TableContainer component={Paper}>
              <Table size="small" id="docker-fleet-results">
                <caption>
                  Containers{query ? ` matching “${query}”` : ''}, with the
                  entity each runs and whom to ask about it
                  {result.value.seesUnbound ? `; ${UNBOUND_MEANS}` : '.'}
                </caption>
                <ResultHead
                  columns={[
                    'Container',
                    'State',
                    'Host',
                    'Image',
                    'Entity',
                    'Owner',
                  ]}
                />
                <TableBody>
                  {result.value.containers.map(c => (
                    <ResultRow key={`${c.host}/${c.id}`} container={c} />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </>
      )}
    </>
  );
}
