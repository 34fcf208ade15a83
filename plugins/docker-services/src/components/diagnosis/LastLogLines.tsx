import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { formatDateTime } from '../time/Ago';

const useStyles = makeStyles(theme => ({
  lines: {
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 320,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    listStyle: 'none',
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
  stream: {
    display: 'inline-block',
    minWidth: '5.5em',
    fontWeight: 'bold',
  },
  // Marked, not painted red: many programs write all they say to stderr.
  stderr: {
    borderLeft: `3px solid ${theme.palette.text.secondary}`,
    paddingLeft: theme.spacing(0.5),
  },
}));

/**
 * The last lines a container wrote, oldest first. Which stream a line came
 * from is written on it ("stderr", "stdout"), not shown by colour alone;
 * the lines are text, never HTML.
 */
export function LastLogLines({ lines }: { lines: LogLine[] }) {
  const classes = useStyles();
  return (
    <Box
      component="ol"
      className={classes.lines}
      aria-label="Last log lines"
      tabIndex={0}
      data-testid="diagnosis-lines"
    >
      {lines.map((line, index) => (
        <li
          key={index}
          className={line.stream === 'stderr' ? classes.stderr : undefined}
        >
          <span className={classes.stream}>[{line.stream}]</span>
          {line.time && (
            <time dateTime={line.time} title={line.time}>
              {formatDateTime(line.time)}{' '}
            </time>
          )}
          {line.line}
          {line.truncated && ' …(cut)'}
        </li>
      ))}
    </Box>
  );
}
