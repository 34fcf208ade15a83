import {
  ContainerDetails,
  ContainerDiagnosis,
  explainExit,
  HistoryEntry,
  LogLine,
  StopCause,
} from '@docker-services/backstage-plugin-docker-services-common';

/** Restarts that make a loop when the last start is this recent. */
export const RESTART_LOOP_MIN_RESTARTS = 3;
export const RESTART_LOOP_WINDOW_MS = 10 * 60 * 1000;

/** What the diagnosis is made of: Docker's facts and the portal's own. */
export interface DiagnosisFacts {
  details: ContainerDetails;
  /** The portal's stop that explains the end, if any (HistoryStore.stopAt). */
  portalStop?: HistoryEntry;
  lines: LogLine[];
  linesError?: string;
  now: Date;
}

/**
 * Says why a container stopped, keeps restarting or is unhealthy: plain
 * words first (`summary`), Docker's terms second (`dockerTerms`).
 */
export function diagnose(facts: DiagnosisFacts): ContainerDiagnosis {
  const { details, portalStop, now } = facts;
  const stopped = details.state === 'exited' || details.state === 'dead';
  const exit =
    details.exitCode !== undefined &&
    (stopped || details.state === 'restarting')
      ? {
          ...explainExit(details.exitCode, details.oomKilled ?? false),
          ...(details.finishedAt ? { finishedAt: details.finishedAt } : {}),
        }
      : undefined;
  const stoppedBy = stopped ? stopCause(portalStop) : undefined;
  const restartLoop = restartLoopOf(details, now);
  // Docker marks a container unhealthy when it stops, whatever its checks
  // said: its health is told only while it runs.
  const runs = details.state === 'running' || details.state === 'restarting';
  const health =
    details.health !== undefined && runs
      ? { status: details.health, checks: details.healthLog }
      : undefined;

  const sentences: string[] = [];
  if (stopped && exit) {
    const verb = details.state === 'dead' ? 'It died' : 'It stopped';
    if (stoppedBy?.kind === 'portal') {
      const why = stoppedBy.reason ? ` (reason: "${stoppedBy.reason}")` : '';
      sentences.push(
        `${verb}: ${nameOf(stoppedBy.actor)} ran ${
          stoppedBy.action
        } from the portal${why}.`,
      );
      if (exit.oomKilled) sentences.push(`${capital(exit.meaning)}.`);
    } else {
      sentences.push(
        `${verb} by itself or was stopped outside the portal: ${exit.meaning}.`,
      );
    }
  } else if (stopped) {
    sentences.push('It is not running; Docker did not record how it ended.');
  }
  if (restartLoop) sentences.push(restartLoop.message);
  else if (details.state === 'restarting' && exit) {
    sentences.push(`Docker is restarting it; it last ended: ${exit.meaning}.`);
  }
  if (details.health === 'unhealthy' && runs) {
    const last = details.healthLog[details.healthLog.length - 1];
    if (!last) sentences.push('It runs but fails its health check.');
    else if (last.exitCode !== 0) {
      sentences.push(
        `It runs but fails its health check (the last check ended with code ${last.exitCode}).`,
      );
    } else {
      sentences.push(
        'Docker still counts it unhealthy after earlier failed checks, though its latest check passed; it turns healthy once Docker counts enough passes.',
      );
    }
  }
  if (sentences.length === 0) {
    sentences.push(
      details.state === 'running'
        ? 'It is running; nothing is wrong that Docker knows of.'
        : `It is ${details.state}.`,
    );
  }

  return {
    host: details.host,
    id: details.id,
    name: details.name,
    state: details.state,
    summary: sentences.join(' '),
    dockerTerms: dockerTermsOf(details, exit?.signal),
    ...(details.startedAt ? { startedAt: details.startedAt } : {}),
    ...(details.finishedAt && details.state !== 'running'
      ? { finishedAt: details.finishedAt }
      : {}),
    ...(exit ? { exit } : {}),
    ...(stoppedBy ? { stoppedBy } : {}),
    ...(restartLoop ? { restartLoop } : {}),
    ...(health ? { health } : {}),
    lastLines: facts.lines,
    ...(stopped && details.finishedAt
      ? { linesUntil: details.finishedAt }
      : {}),
    ...(facts.linesError ? { linesError: facts.linesError } : {}),
  };
}

/** The portal's stop that ended it, or "outside". */
function stopCause(portalStop?: HistoryEntry): StopCause {
  // Only a container's stop or restart ends its run (a scale is a service's).
  if (
    !portalStop ||
    portalStop.action === 'scale' ||
    portalStop.action === 'schedule'
  ) {
    return { kind: 'outside' };
  }
  return {
    kind: 'portal',
    actor: portalStop.actor,
    action: portalStop.action,
    at: portalStop.createdAt,
    ...(portalStop.reason ? { reason: portalStop.reason } : {}),
  };
}

/**
 * A restart loop: Docker's restart policy restarted it at least three
 * times and the last start (or the restart under way) is recent.
 */
function restartLoopOf(
  details: ContainerDetails,
  now: Date,
): ContainerDiagnosis['restartLoop'] {
  const restarts = details.restartCount ?? 0;
  if (restarts < RESTART_LOOP_MIN_RESTARTS) return undefined;
  const lastStart = details.startedAt ? Date.parse(details.startedAt) : NaN;
  const recent =
    details.state === 'restarting' ||
    (!Number.isNaN(lastStart) &&
      now.getTime() - lastStart < RESTART_LOOP_WINDOW_MS);
  if (!recent) return undefined;
  return {
    restartCount: restarts,
    message: `It is in a restart loop: Docker has restarted it ${restarts} times, because it keeps ending soon after it starts. Restarting it again will not help; the last lines of its log usually say why.`,
  };
}

function dockerTermsOf(details: ContainerDetails, signal?: string): string {
  const terms = [`State: ${details.state}`];
  if (details.exitCode !== undefined && details.state !== 'running') {
    terms.push(
      `ExitCode: ${details.exitCode}${signal ? ` (128 + ${signal})` : ''}`,
    );
  }
  if (details.oomKilled) terms.push('OOMKilled: true');
  if (details.restartCount) terms.push(`RestartCount: ${details.restartCount}`);
  if (details.health) terms.push(`Health: ${details.health}`);
  if (details.startedAt) terms.push(`StartedAt: ${details.startedAt}`);
  if (details.finishedAt && details.state !== 'running') {
    terms.push(`FinishedAt: ${details.finishedAt}`);
  }
  return terms.join(', ');
}

/** `user:default/alice` → `alice`. */
function nameOf(ref: string): string {
  return ref.replace(/^[^:]+:(?:[^/]+\/)?/, '');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
