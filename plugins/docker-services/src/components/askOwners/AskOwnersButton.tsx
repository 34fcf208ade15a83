import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useActionPermissions } from '../../hooks/useActionPermissions';
import { OwnerTitle } from '../../hooks/useOwnerTitles';
import { askableAction } from './askableAction';
import { AskOwnersControl } from './AskOwnersControl';

/**
 * "Ask the owners to restart" (or "…to start" a stopped container), for a
 * user who may read the container but not act on it; nothing otherwise.
 * Once they asked (`yourLastAsk`), and until they may ask again, it says
 * when they did instead.
 */
export function AskOwnersButton(props: {
  container: ContainerSummary;
  entity: Entity;
  owners?: OwnerTitle[];
  yourLastAsk?: HistoryEntry;
  onOutcome?: (message: string) => void;
}) {
  const { container, entity } = props;
  const permissions = useActionPermissions(entity);
  const action = askableAction(container, permissions);
  if (!action) return null;
  return (
    <AskOwnersControl
      target={{
        entityRef: getCompoundEntityRef(entity),
        host: container.host,
        id: container.id,
      }}
      name={container.name}
      action={action}
      owners={props.owners}
      yourLastAsk={props.yourLastAsk}
      onOutcome={props.onOutcome}
    />
  );
}
