import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  getEntityRelations,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ContainerAction,
  ContainerSummary,
  dockerContainerActionPermissions,
  dockerContainerLogsPermission,
} from '@internal/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import { ACTION_LABEL } from './actionWords';

function ownersOf(entity: Entity): string {
  const owners = getEntityRelations(entity, RELATION_OWNED_BY).map(ref =>
    humanizeEntityRef(ref, { defaultKind: 'group' }),
  );
  return owners.length ? owners.join(', ') : 'nobody in the catalog';
}

/** Why a button is disabled, or undefined when it may be used. */
function whyDisabled(
  action: ContainerAction,
  container: ContainerSummary,
  permission: { loading: boolean; allowed: boolean },
  entity: Entity,
): string | undefined {
  if (permission.loading) return 'Checking what you may do…';
  if (!permission.allowed) {
    return `Only the owners of ${entity.metadata.name} (${ownersOf(
      entity,
    )}) or an administrator may ${action} its containers. Ask them.`;
  }
  const running = ['running', 'restarting', 'paused'].includes(container.state);
  if (action === 'start' && running)
    return `${container.name} is already running.`;
  if (action === 'stop' && !running) return `${container.name} is not running.`;
  return undefined;
}

function ActionButton(props: {
  action: ContainerAction;
  container: ContainerSummary;
  entity: Entity;
  busy?: ContainerAction;
  onRequest: (action: ContainerAction) => void;
}) {
  const { action, container, entity, busy, onRequest } = props;
  const permission = usePermission({
    permission: dockerContainerActionPermissions[action],
    resourceRef: stringifyEntityRef(entity),
  });
  const reason = whyDisabled(action, container, permission, entity);
  const button = (
    <Button
      size="small"
      variant="outlined"
      disabled={Boolean(reason) || Boolean(busy)}
      onClick={() => onRequest(action)}
      aria-label={`${ACTION_LABEL[action]} ${container.name}`}
      startIcon={busy === action ? <CircularProgress size={14} /> : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {ACTION_LABEL[action]}
    </Button>
  );
  // A disabled button gets no mouse events, so the tooltip wraps a span.
  return (
    <Tooltip title={reason ?? ''} data-testid={`why-${action}`}>
      <span>{button}</span>
    </Tooltip>
  );
}

function LogsButton(props: {
  container: ContainerSummary;
  entity: Entity;
  onOpen: () => void;
}) {
  const { container, entity, onOpen } = props;
  const permission = usePermission({
    permission: dockerContainerLogsPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  let reason: string | undefined;
  if (permission.loading) {
    reason = 'Checking what you may do…';
  } else if (!permission.allowed) {
    reason = `The portal's policy does not let you read the logs of ${
      entity.metadata.name
    }. Its owners (${ownersOf(entity)}) can.`;
  }
  return (
    <Tooltip title={reason ?? ''}>
      <span>
        <Button
          size="small"
          color="primary"
          disabled={Boolean(reason)}
          onClick={onOpen}
          aria-label={`Logs of ${container.name}`}
        >
          Logs
        </Button>
      </span>
    </Tooltip>
  );
}

/** Logs, Start, Stop and Restart for one row; disabled ones say why. */
export function ActionButtons(props: {
  container: ContainerSummary;
  entity: Entity;
  busy?: ContainerAction;
  onRequest: (action: ContainerAction) => void;
  onOpenLogs: () => void;
}) {
  return (
    <span style={{ display: 'inline-flex', gap: 4 }}>
      <LogsButton
        container={props.container}
        entity={props.entity}
        onOpen={props.onOpenLogs}
      />
      {(['start', 'stop', 'restart'] as const).map(action => (
        <ActionButton
          key={action}
          action={action}
          container={props.container}
          entity={props.entity}
          busy={props.busy}
          onRequest={props.onRequest}
        />
      ))}
    </span>
  );
}
