import { Entity } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode, useState } from 'react';
import { DependentsList } from './DependentsList';
import { ReasonField } from './ReasonField';

/**
 * What every confirmation has: a question, what the action will do (the
 * `children`), what in the catalog depends on the entity, an optional
 * reason for the history, and the buttons. `blockedBy` is the id of the text
 * that says why the action cannot be confirmed yet, such as a name still to
 * be typed: the confirm button is disabled and described by it.
 */
export function ConfirmDialogFrame(props: {
  title: string;
  confirmLabel: string;
  entity: Entity;
  children: ReactNode;
  /** Below the reason, such as the field to type a production name in. */
  afterReason?: ReactNode;
  blockedBy?: string;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { blockedBy, onConfirm, onCancel } = props;
  const [reason, setReason] = useState('');
  return (
    <Dialog open onClose={onCancel} aria-labelledby="confirm-action-title">
      <DialogTitle id="confirm-action-title">{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        <DependentsList entity={props.entity} />
        <ReasonField value={reason} onChange={setReason} />
        {props.afterReason}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={Boolean(blockedBy)}
          aria-describedby={blockedBy}
          onClick={() => onConfirm(reason.trim() || undefined)}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
