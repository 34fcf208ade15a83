import { Entity } from '@backstage/catalog-model';
import { ContainerAction } from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ACTION_LABEL, describeConsequence } from './actionWords';
import { DependentsList } from './confirm/DependentsList';
import { nameToType } from './confirm/productionGuard';
import { TYPE_NAME_HELP_ID, TypeNameField } from './confirm/TypeNameField';

const MAX_REASON = 500;

/** Asks before an action, says what it will do, and takes an optional reason. */
export function ConfirmActionDialog(props: {
  action: ContainerAction;
  containerName: string;
  /** Whose container: what depends on it, and whether it runs in production. */
  entity: Entity;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { action, containerName, entity, onConfirm, onCancel } = props;
  const [reason, setReason] = useState('');
  const [typedName, setTypedName] = useState('');
  const mustType = nameToType(entity, action);
  const waitingForName =
    mustType !== undefined && typedName.trim() !== mustType;
  const label = ACTION_LABEL[action];
  return (
    <Dialog open onClose={onCancel} aria-labelledby="confirm-action-title">
      <DialogTitle id="confirm-action-title">
        {label} {containerName}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {describeConsequence(action, containerName)}
        </DialogContentText>
        <DependentsList entity={entity} />
        <TextField
          id="docker-services-action-reason"
          label="Reason (optional, shown in the history)"
          fullWidth
          value={reason}
          onChange={e => setReason(e.target.value.slice(0, MAX_REASON))}
          inputProps={{ maxLength: MAX_REASON }}
        />
        {mustType !== undefined && (
          <TypeNameField
            name={mustType}
            value={typedName}
            onChange={setTypedName}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={waitingForName}
          aria-describedby={waitingForName ? TYPE_NAME_HELP_ID : undefined}
          onClick={() => onConfirm(reason.trim() || undefined)}
        >
          {label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
