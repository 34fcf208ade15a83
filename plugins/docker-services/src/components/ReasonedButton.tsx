import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import { visuallyHidden } from './LiveAnnouncer';

/**
 * One button of a row. When disabled, it says why: in a tooltip on hover,
 * and as its accessible description (`describedBy` when the reason is
 * already shown on the row, otherwise a text only screen readers read).
 */
export function ReasonedButton(props: {
  id: string;
  label: string;
  accessibleName: string;
  reason?: string;
  describedBy?: string;
  busy: boolean;
  inProgress: boolean;
  primary?: boolean;
  onClick: () => void;
}) {
  const { id, reason, describedBy } = props;
  const reasonId = describedBy ?? `${id}-why`;
  // A disabled button gets no mouse events, so the tooltip wraps a span.
  return (
    <Tooltip title={reason ?? ''}>
      <span>
        <Button
          size="small"
          variant={props.primary ? 'text' : 'outlined'}
          color={props.primary ? 'primary' : 'default'}
          disabled={Boolean(reason)}
          // While the row is busy its buttons stay focusable (so that focus
          // can return to the one that opened the confirmation) but inert.
          aria-disabled={!reason && props.busy ? true : undefined}
          className={!reason && props.busy ? 'Mui-disabled' : undefined}
          onClick={props.busy ? undefined : props.onClick}
          aria-label={props.accessibleName}
          aria-describedby={reason ? reasonId : undefined}
          startIcon={
            props.inProgress ? <CircularProgress size={14} /> : undefined
          }
          style={{ whiteSpace: 'nowrap' }}
        >
          {props.label}
        </Button>
        {reason && !describedBy && (
          <span id={reasonId} style={visuallyHidden}>
            {reason}
          </span>
        )}
      </span>
    </Tooltip>
  );
}

/** A row's Logs button: never busy, and first, as the one most used. */
export function LogsButton(props: {
  id: string;
  /** Whose logs: "shop-web-1". */
  name: string;
  reason?: string;
  describedBy?: string;
  onClick: () => void;
}) {
  return (
    <ReasonedButton
      {...props}
      label="Logs"
      accessibleName={`Logs of ${props.name}`}
      busy={false}
      inProgress={false}
      primary
    />
  );
}
