import { Entity } from '@backstage/catalog-model';
import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import { ConfirmDialogFrame } from '../confirm/ConfirmDialogFrame';
import { restartConsequence } from './serviceWords';

/** Asks before a rolling restart, says what it will do, takes a reason. */
export function RestartServiceDialog(props: {
  service: SwarmServiceSummary;
  entity: Entity;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { service } = props;
  return (
    <ConfirmDialogFrame
      title={`Rolling restart of ${service.name}?`}
      confirmLabel="Rolling restart"
      entity={props.entity}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <DialogContentText>{restartConsequence(service)}</DialogContentText>
    </ConfirmDialogFrame>
  );
}
