import { Entity } from '@backstage/catalog-model';
import { ContainerAction } from '@docker-services/backstage-plugin-docker-services-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import { ACTION_LABEL, describeConsequence } from './actionWords';
import { ConfirmDialogFrame } from './confirm/ConfirmDialogFrame';
import { nameToType } from './confirm/productionGuard';
import { useNameGuard } from './confirm/useNameGuard';

/** Asks before an action, says what it will do, and takes an optional reason. */
export function ConfirmActionDialog(props: {
  action: ContainerAction;
  containerName: string;
  /** Whose container: what depends on it, and whether it runs in production. */
  entity: Entity;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { action, containerName, entity } = props;
  const nameGuard = useNameGuard(nameToType(entity, action));
  const label = ACTION_LABEL[action];
  return (
    <ConfirmDialogFrame
      title={`${label} ${containerName}?`}
      confirmLabel={label}
      entity={entity}
      blockedBy={nameGuard.blockedBy}
      afterReason={nameGuard.field}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <DialogContentText>
        {describeConsequence(action, containerName)}
      </DialogContentText>
    </ConfirmDialogFrame>
  );
}
