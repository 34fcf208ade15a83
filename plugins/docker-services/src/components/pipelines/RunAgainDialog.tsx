import { Entity } from '@backstage/catalog-model';
import {
  PipelineRun,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import NativeSelect from '@material-ui/core/NativeSelect';
import { useState } from 'react';
import { ConfirmDialogFrame } from '../confirm/ConfirmDialogFrame';
import { runAgainChoices, stepAndAfter } from './pipelineWords';

/**
 * Asks before running a pipeline run again from a step (Airflow's
 * "clear"): which step (a failed one first), what runs again and what
 * stays, and a reason for the history.
 */
export function RunAgainDialog(props: {
  entity: Entity;
  pipeline: PipelineSummary;
  run: PipelineRun;
  onConfirm: (step: string, reason?: string) => void;
  onCancel: () => void;
}) {
  const { pipeline, run } = props;
  const choices = runAgainChoices(pipeline, run);
  const [step, setStep] = useState(choices[0]);
  const again = stepAndAfter(pipeline, step);
  const kept = pipeline.steps
    .map(s => s.name)
    .filter(name => !again.includes(name));
  return (
    <ConfirmDialogFrame
      title={`Run pipeline run ${run.id} of ${pipeline.name} again from a step?`}
      confirmLabel={`Run again from ${step}`}
      entity={props.entity}
      onConfirm={reason => props.onConfirm(step, reason)}
      onCancel={props.onCancel}
      guard={
        <FormControl fullWidth margin="dense">
          <InputLabel htmlFor="docker-services-run-again-step" shrink>
            Run again from
          </InputLabel>
          <NativeSelect
            id="docker-services-run-again-step"
            value={step}
            onChange={event => setStep(event.target.value)}
          >
            {choices.map(name => (
              <option key={name} value={name}>
                {name} (
                {run.steps.find(s => s.step === name)?.state.replace('-', ' ')})
              </option>
            ))}
          </NativeSelect>
        </FormControl>
      }
    >
      <DialogContentText>
        {again.join(', ')} {again.length === 1 ? 'runs' : 'run'} again, one
        after the other, in this pipeline run (its column in the grid).
        {kept.length
          ? ` ${kept.join(', ')} ${
              kept.length === 1 ? 'keeps its run' : 'keep their runs'
            }.`
          : ''}
      </DialogContentText>
    </ConfirmDialogFrame>
  );
}
