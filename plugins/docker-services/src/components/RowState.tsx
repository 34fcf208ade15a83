import {
  ContainerAction,
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { useActorName } from './ActorName';
import { describeState, formatDuration } from './describeState';
import { contentShare, OneLine } from './OneLine';
import { summarizeState } from './stateSummary';
import { toneOf } from './StateLabel';
import { useNow } from './time/NowProvider';
import { Tone, ToneLabel } from './ToneLabel';

/** What a row says while its action is on its way. */
export const TRANSITION_WORDS: Record<ContainerAction, string> = {
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
};

/** The widest the state of a row gets before it is cut (whole on hover and focus). */
const STATE_MAX_WIDTH = contentShare(0.22);

/**
 * A container row's state in one line of words, current to the page's
 * clock: "Stopping…" while an action is on its way; "Stopped by Alice 5
 * minutes ago: maintenance", in a neutral tone, when the portal's stop is
 * why it is stopped (`stop`); otherwise Docker's state in plain words.
 */
export function RowState(props: {
  container: ContainerSummary;
  pending?: ContainerAction;
  stop?: HistoryEntry;
}) {
  const { container, pending, stop } = props;
  if (pending) {
    return (
      <ToneLabel tone="pending">
        <span data-testid="row-state">{TRANSITION_WORDS[pending]}</span>
      </ToneLabel>
    );
  }
  return stop ? (
    <StoppedBy stop={stop} />
  ) : (
    <DockerState container={container} />
  );
}

function StateWords(props: { tone: Tone; words: string; short?: string }) {
  return (
    <ToneLabel tone={props.tone}>
      <OneLine
        full={props.words}
        short={props.short}
        maxWidth={STATE_MAX_WIDTH}
        data-testid="row-state"
      />
    </ToneLabel>
  );
}

/** Stopped on purpose, from the portal: a neutral tone, not an error's. */
function StoppedBy({ stop }: { stop: HistoryEntry }) {
  const now = useNow();
  const who = useActorName(stop.actor);
  const ago = formatDuration(now, stop.createdAt);
  const why = stop.reason ? `: ${stop.reason}` : '';
  return (
    <StateWords tone="ended" words={`Stopped by ${who} ${ago} ago${why}`} />
  );
}

function DockerState({ container }: { container: ContainerSummary }) {
  const now = useNow();
  return (
    <StateWords
      tone={toneOf(container)}
      words={describeState(container, now)}
      short={summarizeState(container, now)}
    />
  );
}
