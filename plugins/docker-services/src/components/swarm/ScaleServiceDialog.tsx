import { Entity } from '@backstage/catalog-model';
import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ConfirmDialogFrame } from '../confirm/ConfirmDialogFrame';
import { nameToType } from '../confirm/productionGuard';
import { useNameGuard } from '../confirm/useNameGuard';
import { replicas as replicaCount, scaleConsequence } from './serviceWords';

const FIELD_ID = 'docker-services-replicas';
/** MUI names a field's helper text after the field. */
const HELP_ID = `${FIELD_ID}-helper-text`;

/** The number typed, when it is a whole number within the limits. */
function parseReplicas(
  text: string,
  limits: { min: number; max: number },
): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= limits.min && n <= limits.max ? n : undefined;
}

/**
 * Asks how many replicas a service should run, within the limits the
 * portal's config sets, says what that will do, and takes a reason.
 * Scaling a production service to 0 stops it: its name must be typed, as
 * before stopping a production container. The number field has the focus.
 */
export function ScaleServiceDialog(props: {
  service: SwarmServiceSummary;
  entity: Entity;
  onConfirm: (replicas: number, reason?: string) => void;
  onCancel: () => void;
}) {
  const { service, entity } = props;
  const { min, max } = service.scaleLimits;
  const [text, setText] = useState(String(service.desiredTasks));
  const replicas = parseReplicas(text, service.scaleLimits);
  const unchanged = replicas === service.desiredTasks;
  // Scaling to 0 stops the service: guarded as stopping a container is.
  const nameGuard = useNameGuard(
    replicas === 0 ? nameToType(entity, 'stop', service.name) : undefined,
    `${entity.metadata.name} runs in production: scaling ${service.name} to 0 is enabled once you type ${service.name} exactly.`,
  );
  const limitsText = `From ${min} to ${max}: the limits this portal allows.`;
  let help = limitsText;
  if (replicas === undefined)
    help = `Enter a whole number from ${min} to ${max}: the limits this portal allows.`;
  else if (unchanged)
    help = `${service.name} already has ${replicaCount(
      service.desiredTasks,
    )}. ${limitsText}`;
  const blocked = replicas === undefined || unchanged;
  return (
    <ConfirmDialogFrame
      title={`Scale ${service.name}?`}
      confirmLabel="Scale"
      entity={entity}
      blockedBy={blocked ? HELP_ID : nameGuard.blockedBy}
      guard={nameGuard.field}
      onConfirm={reason => props.onConfirm(replicas!, reason)}
      onCancel={props.onCancel}
    >
      <DialogContentText>
        {service.name} asks for {replicaCount(service.desiredTasks)} now:{' '}
        {service.summary}.
      </DialogContentText>
      <TextField
        id={FIELD_ID}
        type="number"
        label="Replicas"
        value={text}
        onChange={e => setText(e.target.value)}
        error={replicas === undefined}
        helperText={help}
        inputProps={{ min, max, step: 1 }}
        style={{ marginBottom: 16 }}
      />
      {replicas !== undefined && !unchanged && (
        <DialogContentText data-testid="scale-consequence">
          {scaleConsequence(service, replicas)}
        </DialogContentText>
      )}
    </ConfirmDialogFrame>
  );
}
