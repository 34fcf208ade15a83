import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerSummary,
  isRunningState,
} from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import { useActionPermissions } from '../hooks/useActionPermissions';
import { ACTION_LABEL } from './actionWords';
import { conflictNoteId } from './ConflictNote';
import { visuallyHidden } from './LiveAnnouncer';
import { PermissionNoteInfo } from './PermissionNote';
import { RowButton, whyDisabled } from './whyDisabled';

/**
 * One button of a row. When disabled, it says why: in a tooltip on hover,
 * and as its accessible description (`describedBy` when the reason is
 * already shown on the row, otherwise a text only screen readers read).
 */
function ReasonedButton(props: {
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

/** Logs, Start, Stop and Restart for one row; disabled ones say why. */
export function ActionButtons(props: {
  container: ContainerSummary;
  entity: Entity;
  busy?: ContainerAction;
  /** Why the user may not act at all, shown once on the page. */
  permissionNote?: PermissionNoteInfo;
  onRequest: (action: ContainerAction) => void;
  onOpenLogs: () => void;
}) {
  const { container, entity, busy, permissionNote: note } = props;
  const permissions = useActionPermissions(entity);
  const reason = (button: RowButton) =>
    whyDisabled({ button, container, entity, permissions });
  const idOf = (button: RowButton) =>
    `docker-services-${button}-${container.host}-${container.id}`;
  // A conflict disables the whole row; the row already says why.
  const describedBy = container.conflict
    ? conflictNoteId(container)
    : undefined;
  // Permission refusals are explained once, by the note next to the actions.
  const explainedByNote = (action: ContainerAction) =>
    !container.conflict &&
    note !== undefined &&
    (note.denied.includes(action) ||
      (action === 'restart' &&
        !isRunningState(container.state) &&
        note.denied.includes('start')));
  return (
    <span style={{ display: 'inline-flex', gap: 4 }}>
      <ReasonedButton
        id={idOf('logs')}
        label="Logs"
        accessibleName={`Logs of ${container.name}`}
        reason={reason('logs')}
        describedBy={describedBy}
        busy={false}
        inProgress={false}
        primary
        onClick={props.onOpenLogs}
      />
      {(['start', 'stop', 'restart'] as const).map(action => (
        <ReasonedButton
          key={action}
          id={idOf(action)}
          label={ACTION_LABEL[action]}
          accessibleName={`${ACTION_LABEL[action]} ${container.name}`}
          reason={explainedByNote(action) ? note!.text : reason(action)}
          describedBy={explainedByNote(action) ? note!.id : describedBy}
          busy={Boolean(busy)}
          inProgress={busy === action}
          onClick={() => props.onRequest(action)}
        />
      ))}
    </span>
  );
}
