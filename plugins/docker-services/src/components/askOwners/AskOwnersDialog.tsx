import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ContainerTarget } from '../../api/DockerServicesApi';
import { useAskOwners } from '../../hooks/useAskOwners';
import { focusFirstField } from '../confirm/ConfirmDialogFrame';
import { useFocusRing } from '../focusRing';

const MAX_REASON = 500;
const REASON_HELP_ID = 'docker-services-ask-reason-help';

/**
 * Asks the owners to start or restart a container, with a reason they read
 * in their notification. Sending stays disabled until a reason is written,
 * and the field says so; the answer (or the refusal) is shown in the dialog.
 */
export function AskOwnersDialog(props: {
  target: ContainerTarget;
  containerName: string;
  action: 'start' | 'restart';
  /** How the page says the action: "run" for a job (its container's start). */
  verb?: string;
  /** The owners, in words, such as "Shop team". */
  ownerNames?: string;
  onOutcome?: (message: string) => void;
  onClose: () => void;
}) {
  const { target, containerName, action, onClose } = props;
  const [reason, setReason] = useState('');
  const { ask, sending, outcome } = useAskOwners(
    target,
    action,
    props.onOutcome,
  );
  const verb = props.verb ?? action;
  const blank = reason.trim() === '';
  const sent = outcome?.ok === true;
  const owners = props.ownerNames ?? 'the owners';
  const focusRing = useFocusRing();
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="ask-owners-title"
      PaperProps={{ className: focusRing.root }}
      TransitionProps={{ onEntering: focusFirstField }}
    >
      <DialogTitle id="ask-owners-title">
        Ask the owners to {verb} {containerName}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          You may not {verb} {containerName} yourself. {owners} get a
          notification with your name and reason, and a link that opens this
          page ready to {action} it. Your request is kept in the history.
        </DialogContentText>
        <TextField
          id="docker-services-ask-reason"
          label="Reason (required)"
          required
          fullWidth
          multiline
          minRows={2}
          disabled={sending || sent}
          value={reason}
          onChange={e => setReason(e.target.value.slice(0, MAX_REASON))}
          inputProps={{
            maxLength: MAX_REASON,
            'aria-describedby': REASON_HELP_ID,
          }}
          helperText={
            <span id={REASON_HELP_ID}>
              {blank
                ? 'Write why it should be done: the owners need it to decide, so Send stays disabled until you do.'
                : `${reason.length} of ${MAX_REASON} characters.`}
            </span>
          }
        />
        {outcome && (
          <Typography
            role={outcome.ok ? 'status' : 'alert'}
            variant="body2"
            data-testid="ask-owners-outcome"
            style={{ marginTop: 16 }}
          >
            {/* Said in words, not by colour alone. */}
            {outcome.ok ? outcome.message : `Not sent: ${outcome.message}`}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{sent ? 'Close' : 'Cancel'}</Button>
        {!sent && (
          <Button
            color="primary"
            variant="contained"
            disabled={blank || sending}
            aria-describedby={blank ? REASON_HELP_ID : undefined}
            onClick={() => ask(reason.trim())}
            startIcon={sending ? <CircularProgress size={14} /> : undefined}
          >
            Send to the owners
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
