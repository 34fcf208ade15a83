import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import { useActionPermissions } from '../../hooks/useActionPermissions';
import { OwnerTitle } from '../../hooks/useOwnerTitles';
import { askableAction } from './askableAction';
import { AskOwnersDialog } from './AskOwnersDialog';

function joinNames(owners: OwnerTitle[]): string | undefined {
  const names = owners.map(o => o.title);
  if (names.length === 0) return undefined;
  return names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * "Ask the owners to restart" (or "…to start" a stopped container), for a
 * user who may read the container but not act on it; nothing otherwise.
 * Focus returns to the button when its dialog closes.
 */
export function AskOwnersButton(props: {
  container: ContainerSummary;
  entity: Entity;
  owners?: OwnerTitle[];
  onOutcome?: (message: string) => void;
}) {
  const { container, entity } = props;
  const permissions = useActionPermissions(entity);
  const [open, setOpen] = useState(false);
  const action = askableAction(container, permissions);
  if (!action) return null;
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setOpen(true)}
        aria-label={`Ask the owners to ${action} ${container.name}`}
        style={{ whiteSpace: 'nowrap' }}
      >
        Ask the owners to {action}
      </Button>
      {open && (
        <AskOwnersDialog
          target={{
            entityRef: getCompoundEntityRef(entity),
            host: container.host,
            id: container.id,
          }}
          containerName={container.name}
          action={action}
          ownerNames={joinNames(props.owners ?? [])}
          onOutcome={props.onOutcome}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
