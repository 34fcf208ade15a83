import type { ExitExplanation } from './exitCodes';
import type { LogLine } from './logTypes';
import type {
  ContainerAction,
  ContainerHealth,
  ContainerState,
  HealthCheckRun,
} from './types';

// "Why did it stop?" and "ask the owners": their wire types.

/**
 * Who stopped a container, when the portal knows.
 * @public
 */
export type StopCause =
  | {
      kind: 'portal';
      /** User entity ref of who acted. */
      actor: string;
      action: ContainerAction;
      /** ISO 8601: when the action was asked for. */
      at: string;
      reason?: string;
    }
  | { kind: 'outside' };

/**
 * `GET …/containers/:host/:id/diagnosis`: why a container stopped, is
 * restarting or is unhealthy, in plain words first and Docker's terms second.
 * @public
 */
export interface ContainerDiagnosis {
  host: string;
  id: string;
  name: string;
  state: ContainerState;
  /** One or two sentences for someone who is not a Docker expert. */
  summary: string;
  /** The same facts in Docker's terms: exit code, signal, OOMKilled, restarts, times. */
  dockerTerms: string;
  /** Docker's `StartedAt` of its last run, as Docker wrote it (to the nanosecond). */
  startedAt?: string;
  /** Docker's `FinishedAt` of its last run, as Docker wrote it, once that run ended. */
  finishedAt?: string;
  exit?: ExitExplanation & { finishedAt?: string };
  /** Present when it exited or died: the portal's own record, or "outside". */
  stoppedBy?: StopCause;
  /** Present when Docker keeps restarting it. */
  restartLoop?: { restartCount: number; message: string };
  /** Present when it has a health check: the last checks' outputs. */
  health?: { status: ContainerHealth; checks: HealthCheckRun[] };
  /**
   * The last log lines before it stopped (stdout and stderr, oldest first),
   * or the newest ones while it runs; empty when Docker could not read them.
   */
  lastLines: LogLine[];
  /** ISO 8601: the logs end here (the container's FinishedAt), when it stopped. */
  linesUntil?: string;
  /** Set when the lines could not be read, in a sentence. */
  linesError?: string;
}

/**
 * `POST …/containers/:host/:id/ask-owners`: the owners were told.
 * @public
 */
export interface AskOwnersResponse {
  action: 'start' | 'restart';
  /** Who was asked: the entity's owner refs. */
  owners: string[];
  /** What happened, in a sentence for the person who asked. */
  message: string;
  /**
   * ISO 8601: when the same person may ask about this container again (the
   * backend's `notifications.askIntervalSeconds` from now).
   */
  askAgainAt?: string;
}
