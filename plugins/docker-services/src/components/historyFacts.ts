import {
  ContainerAction,
  ContainerSummary,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';

const LIFECYCLE: ReadonlyArray<HistoryEntry['action']> = [
  'start',
  'stop',
  'restart',
];

function isRowOf(
  entry: HistoryEntry,
  container: { host: string; id: string },
): boolean {
  return (
    (entry.target ?? 'container') === 'container' &&
    entry.host === container.host &&
    entry.containerId === container.id
  );
}

/**
 * The portal's stop that explains why a container is stopped, or undefined
 * when nothing in the history (newest first) says so: the container has
 * exited, the newest start, stop or restart of it is a stop that changed
 * something, and the run Docker shows ended is the one that stop ended
 * (Docker's `FinishedAt` as the stop reported it; a start outside the portal
 * after it would show another).
 */
export function lastPortalStop(
  container: ContainerSummary,
  history: HistoryEntry[] | undefined,
): HistoryEntry | undefined {
  if (container.state !== 'exited' || !history) return undefined;
  const newest = history.find(
    e =>
      isRowOf(e, container) &&
      e.outcome !== 'asked' &&
      LIFECYCLE.includes(e.action),
  );
  if (
    newest?.action !== 'stop' ||
    newest.outcome !== 'succeeded' ||
    !newest.changed
  ) {
    return undefined;
  }
  // The run it ended is the one Docker shows ended: the same FinishedAt,
  // by Docker's own clock (a later run from outside would show another).
  return newest.dockerFinishedAt !== undefined &&
    container.finishedAt !== undefined &&
    dockerMs(newest.dockerFinishedAt) === dockerMs(container.finishedAt)
    ? newest
    : undefined;
}

/**
 * The newest request to the owners about a container in the history
 * (newest first): for an action, by a person, or any.
 */
export function newestAsk(
  history: HistoryEntry[] | undefined,
  filter: {
    container: { host: string; id: string };
    action?: ContainerAction;
    actor?: string;
  },
): HistoryEntry | undefined {
  return history?.find(
    e =>
      e.outcome === 'asked' &&
      isRowOf(e, filter.container) &&
      (filter.action === undefined || e.action === filter.action) &&
      (filter.actor === undefined || e.actor === filter.actor),
  );
}

/**
 * Whether the backend would refuse the asker another ask about the same
 * container now: before the `askAgainAt` it gave the ask (its own
 * `askIntervalSeconds`). Within it, the page says "You asked … ago" rather
 * than offer to ask again; an ask without it (an older backend) is not
 * guessed at: the backend's refusal says when.
 */
export function isWithinAskInterval(ask: HistoryEntry, now: Date): boolean {
  if (!ask.askAgainAt) return false;
  return now.getTime() < Date.parse(ask.askAgainAt);
}

/**
 * How the person asked, when not on these pages: "via assistant" for an
 * action an assistant called on their behalf (the person is still who
 * acted, with their own permissions).
 */
export function channelWords(entry: HistoryEntry): string | undefined {
  return entry.channel === 'assistant' ? 'via assistant' : undefined;
}

/** A Docker time to the millisecond (Docker writes up to nanoseconds). */
function dockerMs(time: string): number {
  return Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
}
