import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/** How a state looks next to its words: never the only way it is told. */
export type Tone = 'ok' | 'pending' | 'warning' | 'error' | 'ended';

const STATUS = {
  ok: StatusOK,
  pending: StatusPending,
  warning: StatusWarning,
  error: StatusError,
  ended: StatusAborted,
} as const;

/**
 * Backstage's status components hide themselves, text included, from screen
 * readers (`aria-hidden`) and put a generic "Status ok" label on a span;
 * props given to them come last, so these undo both and the state is read
 * out in words.
 */
const readable = { 'aria-hidden': undefined, 'aria-label': undefined };

/** A coloured status dot followed by the state in words. */
export function ToneLabel({
  tone,
  children,
}: {
  tone: Tone;
  children: ReactNode;
}) {
  const Status = STATUS[tone];
  return <Status {...readable}>{children}</Status>;
}
