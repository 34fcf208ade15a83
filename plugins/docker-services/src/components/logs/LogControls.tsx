import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { LogSubject } from './logSubject';

const TAILS = [100, 500, 1000, 5000] as const;

/** Which lines the drawer shows: the latest N, a time range, or since the last start. */
export type Since = 'tail' | '15m' | '1h' | 'start';

const SINCE_LABEL: Record<Exclude<Since, 'start'>, string> = {
  tail: 'Latest lines',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
};

/** The time a choice starts at (RFC 3339), or undefined for the latest lines. */
export function sinceTime(
  since: Since,
  lastStart?: string,
): string | undefined {
  const now = Date.now();
  if (since === '15m') return new Date(now - 15 * 60_000).toISOString();
  if (since === '1h') return new Date(now - 60 * 60_000).toISOString();
  if (since === 'start') return lastStart;
  return undefined;
}

/** The drawer's choices: which lines, how many, timestamps, follow live. */
export function LogControls(props: {
  subject: LogSubject;
  since: Since;
  onSince: (since: Since) => void;
  tail: number;
  onTail: (tail: number) => void;
  showTime: boolean;
  onShowTime: (show: boolean) => void;
  follow: boolean;
  /** Following is off while the log ends at a fixed moment. */
  followDisabled: boolean;
  onFollow: (follow: boolean) => void;
}) {
  const { subject, since } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 16 }}
      my={1}
    >
      {subject.lastStart ? (
        <TextField
          select
          id="docker-services-logs-show"
          size="small"
          label="Show"
          value={since}
          onChange={e => props.onSince(e.target.value as Since)}
        >
          {(Object.keys(SINCE_LABEL) as Array<keyof typeof SINCE_LABEL>).map(
            key => (
              <MenuItem key={key} value={key}>
                {SINCE_LABEL[key]}
              </MenuItem>
            ),
          )}
          <MenuItem value="start" disabled={!subject.lastStart.since}>
            {subject.lastStart.label}
          </MenuItem>
        </TextField>
      ) : (
        <Typography variant="body2">{subject.fixedRange}</Typography>
      )}
      {since === 'tail' && (
        <TextField
          select
          id="docker-services-logs-lines"
          size="small"
          label="Lines"
          value={props.tail}
          onChange={e => props.onTail(Number(e.target.value))}
        >
          {TAILS.map(n => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
      )}
      <FormControlLabel
        control={
          <Switch
            checked={props.showTime}
            onChange={(_e, v) => props.onShowTime(v)}
          />
        }
        label="Timestamps"
      />
      <FormControlLabel
        control={
          <Switch
            checked={props.follow}
            disabled={props.followDisabled}
            onChange={(_e, v) => props.onFollow(v)}
          />
        }
        label="Follow live"
      />
    </Box>
  );
}
