import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerSummary,
  isRunningState,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useActionPermissions } from '../hooks/useActionPermissions';
import { ACTION_LABEL } from './actionWords';
import { conflictNoteId } from './ConflictNote';
import { PermissionNoteInfo } from './PermissionNote';
import { LogsButton, ReasonedButton } from './ReasonedButton';
import { ROW_ACTIONS_ATTRIBUTE } from './SkipToActions';
import { RowButton, whyDisabled } from './whyDisabled';

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
    <span
      style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}
      {...{ [ROW_ACTIONS_ATTRIBUTE]: true }}
    >
      <LogsButton
        id={idOf('logs')}
        name={container.name}
        reason={reason('logs')}
        describedBy={describedBy}
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
