import { Entity } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { FormEvent, ReactNode, useState } from 'react';
import { useFocusRing } from '../focusRing';
import { DependentsList } from './DependentsList';
import { ReasonField } from './ReasonField';

/** The first field of a dialog, which gets the focus when it opens. */
const FIRST_FIELD = 'input:not([disabled]):not([type="hidden"]), textarea';

/** Puts the focus in the first field of a dialog that just opened. */
export function focusFirstField(dialog: HTMLElement) {
  dialog.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
}

/**
 * What every confirmation has: a question, what the action will do (the
 * `children`), what in the catalog depends on the entity, the name to type
 * when one is asked for (`guard`), an optional reason for the history, and
 * the buttons. `blockedBy` is the id of the text that says why the action
 * cannot be confirmed yet, such as a name still to be typed: the confirm
 * button is disabled and described by it. The first field has the focus
 * when it opens, and Enter in a field confirms once nothing blocks it.
 */
export function ConfirmDialogFrame(props: {
  title: string;
  confirmLabel: string;
  entity: Entity;
  children: ReactNode;
  /** Before the reason, such as the field to type a production name in. */
  guard?: ReactNode;
  blockedBy?: string;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { blockedBy, onConfirm, onCancel } = props;
  const [reason, setReason] = useState('');
  const focusRing = useFocusRing();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!blockedBy) onConfirm(reason.trim() || undefined);
  };
  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby="confirm-action-title"
      PaperProps={
        {
          component: 'form',
          onSubmit: submit,
          noValidate: true,
          className: focusRing.root,
        } as object
      }
      TransitionProps={{ onEntering: focusFirstField }}
    >
      <DialogTitle id="confirm-action-title">{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        <DependentsList entity={props.entity} />
        {props.guard}
        <ReasonField value={reason} onChange={setReason} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={Boolean(blockedBy)}
          aria-describedby={blockedBy}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
