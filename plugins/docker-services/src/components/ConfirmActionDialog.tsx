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

const MAX_REASON = 500;

/** Asks before an action, says what it will do, and takes an optional reason. */
export function ConfirmActionDialog(props: {
  action: ContainerAction;
  containerName: string;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { action, containerName, onConfirm, onCancel } = props;
  const [reason, setReason] = useState('');
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
        <TextField
          id="docker-services-action-reason"
          label="Reason (optional, shown in the history)"
          fullWidth
          value={reason}
          onChange={e => setReason(e.target.value.slice(0, MAX_REASON))}
          inputProps={{ maxLength: MAX_REASON }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={() => onConfirm(reason.trim() || undefined)}
        >
          {label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
