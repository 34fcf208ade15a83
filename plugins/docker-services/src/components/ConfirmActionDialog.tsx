import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import { ACTION_LABEL, describeConsequence } from './actionWords';
import { ActorName } from './ActorName';
import { ConfirmDialogFrame } from './confirm/ConfirmDialogFrame';
import { nameToType } from './confirm/productionGuard';
import { useNameGuard } from './confirm/useNameGuard';
import { Ago } from './time/Ago';

/**
 * Asks before an action on one container, says what it will do, and takes
 * an optional reason. Taking a container of a production component down
 * (stop, restart) asks for the container's name. When the owners were
 * asked for it (`askedBy`), it says who asked, when and why.
 */
export function ConfirmActionDialog(props: {
  action: ContainerAction;
  containerName: string;
  /** Whose container: what depends on it, and whether it runs in production. */
  entity: Entity;
  askedBy?: HistoryEntry;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { action, containerName, entity, askedBy } = props;
  const label = ACTION_LABEL[action];
  const nameGuard = useNameGuard(
    nameToType(entity, action, containerName),
    `${entity.metadata.name} runs in production: ${label} is enabled once you type ${containerName} exactly.`,
  );
  return (
    <ConfirmDialogFrame
      title={`${label} ${containerName}?`}
      confirmLabel={label}
      entity={entity}
      blockedBy={nameGuard.blockedBy}
      guard={nameGuard.field}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      {askedBy && (
        <DialogContentText data-testid="asked-by">
          <ActorName actor={askedBy.actor} /> asked the owners for this{' '}
          <Ago iso={askedBy.createdAt} />
          {askedBy.reason ? `: “${askedBy.reason}”` : '.'}
        </DialogContentText>
      )}
      <DialogContentText>
        {describeConsequence(action, containerName)}
      </DialogContentText>
    </ConfirmDialogFrame>
  );
}
