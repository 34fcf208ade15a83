import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef, useState } from 'react';
import { useActionPermissions } from '../../hooks/useActionPermissions';
import { OwnerTitle } from '../../hooks/useOwnerTitles';
import { formatDuration } from '../describeState';
import { isWithinAskInterval } from '../historyFacts';
import { useNow } from '../time/NowProvider';
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
 * Once they asked (`yourLastAsk`), and until they may ask again, it says
 * when they did instead. Focus returns to the button when its dialog
 * closes.
 */
export function AskOwnersButton(props: {
  container: ContainerSummary;
  entity: Entity;
  owners?: OwnerTitle[];
  yourLastAsk?: HistoryEntry;
  onOutcome?: (message: string) => void;
}) {
  const { container, entity, yourLastAsk } = props;
  const permissions = useActionPermissions(entity);
  const now = useNow();
  const [open, setOpen] = useState(false);
  const action = askableAction(container, permissions);
  // The dialog stays up to show its answer, though the ask is now recorded.
  const asked =
    action && !open && yourLastAsk && isWithinAskInterval(yourLastAsk, now)
      ? yourLastAsk
      : undefined;
  // When the sentence replaces the button that had opened the dialog, focus
  // goes to it rather than to the page.
  const askedNote = useRef<HTMLElement>(null);
  const closedDialog = useRef(false);
  useEffect(() => {
    if (asked && closedDialog.current) askedNote.current?.focus();
    closedDialog.current = false;
  }, [asked, open]);
  if (!action) return null;
  return (
    <>
      {asked ? (
        <Typography
          variant="body2"
          component="span"
          data-testid="you-asked"
          ref={askedNote}
          tabIndex={-1}
          style={{ alignSelf: 'center' }}
        >
          You asked the owners to {asked.action} it{' '}
          {formatDuration(now, asked.createdAt)} ago.
        </Typography>
      ) : (
        <Button
          size="small"
          variant="outlined"
          onClick={() => setOpen(true)}
          aria-label={`Ask the owners to ${action} ${container.name}`}
          style={{ whiteSpace: 'nowrap' }}
        >
          Ask the owners to {action}
        </Button>
      )}
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
          onClose={() => {
            closedDialog.current = true;
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
