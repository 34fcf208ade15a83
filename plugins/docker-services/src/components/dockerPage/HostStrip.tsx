import { FleetHost } from '@docker-services/backstage-plugin-docker-services-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { formatAge } from './formatAge';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(0, 0, 2, 0),
  },
  host: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.5, 1.5),
  },
  unavailable: {
    borderColor: theme.palette.warning.main,
    borderWidth: 2,
  },
}));

/** One line per host: host, state in words, containers, index age. */
export function hostSummary(host: FleetHost): string {
  const count = `${host.containerCount} container${
    host.containerCount === 1 ? '' : 's'
  }`;
  if (host.status === 'unavailable') {
    return `unavailable: ${host.error ?? 'no reason given'}`;
  }
  const age =
    host.indexAgeSeconds === undefined
      ? ''
      : `, updated ${formatAge(host.indexAgeSeconds)} ago`;
  return `OK, ${count}${age}`;
}

/**
 * The Docker hosts the portal knows, each with its state in words (never
 * by colour alone), how many containers it holds and how fresh that is.
 */
export function HostStrip({ hosts }: { hosts: FleetHost[] }) {
  const classes = useStyles();
  if (hosts.length === 0) return null;
  return (
    <ul className={classes.list} aria-label="Docker hosts">
      {hosts.map(host => (
        <li
          key={host.name}
          data-testid={`host-${host.name}`}
          className={`${classes.host} ${
            host.status === 'unavailable' ? classes.unavailable : ''
          }`}
        >
          <Typography variant="body2" component="span">
            <strong>{host.name}</strong>: {hostSummary(host)}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
