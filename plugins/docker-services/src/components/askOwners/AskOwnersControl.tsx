import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef, useState } from 'react';
import { ContainerTarget } from '../../api/DockerServicesApi';
import { OwnerTitle } from '../../hooks/useOwnerTitles';
import { formatDuration } from '../describeState';
import { isWithinAskInterval } from '../historyFacts';
import { useNow } from '../time/NowProvider';
import { AskOwnersDialog } from './AskOwnersDialog';

function joinNames(owners: OwnerTitle[]): string | undefined {
  const names = owners.map(o => o.title);
  if (names.length === 0) return undefined;
  return names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "You can ask again in 6 minutes.", counted as the backend counts. */
function askAgainWords(ask: HistoryEntry, now: Date): string {
  const ms = Date.parse(ask.askAgainAt ?? '') - now.getTime();
  if (!(ms > 0)) return '';
  const minutes = Math.ceil(ms / 60_000);
  return ` You can ask again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * "Ask the owners to …" for one container (a job's too) and, once the user
 * asked (`yourLastAsk`) and until the backend lets them ask again, when
 * they did instead. `action` is what the owners are asked to do; `verb` is
 * how the page says it ("run" for a job, whose run is its container's
 * start). Focus returns to the button, or to the sentence that replaces
 * it, when its dialog closes.
 */
export function AskOwnersControl(props: {
  target: ContainerTarget;
  /** The container's (or job's) name. */
  name: string;
  action: 'start' | 'restart';
  verb?: string;
  owners?: OwnerTitle[];
  yourLastAsk?: HistoryEntry;
  onOutcome?: (message: string) => void;
}) {
  const { target, name, action, yourLastAsk } = props;
  const verb = props.verb ?? action;
  const now = useNow();
  const [open, setOpen] = useState(false);
  // The dialog stays up to show its answer, though the ask is now recorded.
  const asked =
    !open && yourLastAsk && isWithinAskInterval(yourLastAsk, now)
      ? yourLastAsk
      : undefined;
  const askedNote = useRef<HTMLElement>(null);
  const closedDialog = useRef(false);
  useEffect(() => {
    if (asked && closedDialog.current) askedNote.current?.focus();
    closedDialog.current = false;
  }, [asked, open]);
  const askedVerb = asked?.action === action ? verb : asked?.action;
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
          You asked the owners to {askedVerb} it{' '}
          {formatDuration(now, asked.createdAt)} ago.
          {askAgainWords(asked, now)}
        </Typography>
      ) : (
        <Button
          size="small"
          variant="outlined"
          onClick={() => setOpen(true)}
          aria-label={`Ask the owners to ${verb} ${name}`}
          style={{ whiteSpace: 'nowrap' }}
        >
          Ask the owners to {verb}
        </Button>
      )}
      {open && (
        <AskOwnersDialog
          target={target}
          containerName={name}
          action={action}
          verb={verb}
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
