import { Entity } from '@backstage/catalog-model';
import { JobSummary } from '@docker-services/backstage-plugin-docker-services-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import { ConfirmDialogFrame } from '../confirm/ConfirmDialogFrame';

/** Asks before running a job outside its schedule, and takes a reason. */
export function RunJobDialog(props: {
  job: JobSummary;
  entity: Entity;
  onConfirm: (reason?: string) => void;
  onCancel: () => void;
}) {
  const { job } = props;
  return (
    <ConfirmDialogFrame
      title={`Run ${job.containerName} now?`}
      confirmLabel="Run now"
      entity={props.entity}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <DialogContentText>
        This starts {job.containerName} once, now, with the configuration it
        already has, as its schedule would. The run and its log appear in its
        runs below.
      </DialogContentText>
    </ConfirmDialogFrame>
  );
}
