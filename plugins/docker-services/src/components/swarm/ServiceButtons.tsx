import { Entity } from '@backstage/catalog-model';
import {
  SwarmServiceAction,
  SwarmServiceSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useServicePermissions } from '../../hooks/useActionPermissions';
import { conflictNoteId } from '../ConflictNote';
import { LogsButton, ReasonedButton } from '../ReasonedButton';
import { ServiceButton, whyServiceButtonDisabled } from '../whyDisabled';

/** Logs, Scale and Rolling restart for one service; disabled ones say why. */
export function ServiceButtons(props: {
  service: SwarmServiceSummary;
  entity: Entity;
  busy?: SwarmServiceAction;
  onRequest: (action: SwarmServiceAction) => void;
  onOpenLogs: () => void;
}) {
  const { service, entity, busy } = props;
  const permissions = useServicePermissions(entity);
  const reason = (button: ServiceButton) =>
    whyServiceButtonDisabled({ button, service, entity, permissions });
  const idOf = (button: ServiceButton) =>
    `docker-services-service-${button}-${service.host}-${service.id}`;
  // A conflict disables the whole row; the row already says why.
  const describedBy = service.conflict ? conflictNoteId(service) : undefined;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <LogsButton
        id={idOf('logs')}
        name={service.name}
        reason={reason('logs')}
        describedBy={describedBy}
        onClick={props.onOpenLogs}
      />
      <ReasonedButton
        id={idOf('scale')}
        label="Scale"
        accessibleName={`Scale ${service.name}`}
        reason={reason('scale')}
        describedBy={describedBy}
        busy={Boolean(busy)}
        inProgress={busy === 'scale'}
        onClick={() => props.onRequest('scale')}
      />
      <ReasonedButton
        id={idOf('restart')}
        label="Rolling restart"
        accessibleName={`Rolling restart of ${service.name}`}
        reason={reason('restart')}
        describedBy={describedBy}
        busy={Boolean(busy)}
        inProgress={busy === 'restart'}
        onClick={() => props.onRequest('restart')}
      />
    </span>
  );
}
