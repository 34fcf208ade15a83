import { ContainerSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { describeState } from './describeState';

/** "12 s", "36 min", "3 h", "2 days": the largest whole unit, briefly. */
export function formatShortDuration(now: Date, iso: string): string {
  const seconds = Math.max(
    0,
    Math.floor((now.getTime() - Date.parse(iso)) / 1000),
  );
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  const days = Math.floor(seconds / 86400);
  return `${days} day${days === 1 ? '' : 's'}`;
}

const HEALTH: Record<NonNullable<ContainerSummary['health']>, string> = {
  healthy: ', healthy',
  unhealthy: ', unhealthy',
  starting: ', health check pending',
};

/**
 * A container's state in a table row's one line: "Running 3 h, healthy",
 * "Exited 5 min ago, code 137". The whole sentence ({@link describeState})
 * goes with it, for hover, focus and screen readers; "Why did it stop?"
 * explains an exit code.
 */
export function summarizeState(
  container: ContainerSummary,
  now: Date = new Date(),
): string {
  const { state, health, startedAt, finishedAt, exitCode } = container;
  if (state === 'running') {
    const since = startedAt ? ` ${formatShortDuration(now, startedAt)}` : '';
    return `Running${since}${health ? HEALTH[health] : ''}`;
  }
  if (state === 'exited' || state === 'dead') {
    const verb = state === 'dead' ? 'Dead' : 'Exited';
    const ago = finishedAt
      ? ` ${formatShortDuration(now, finishedAt)} ago`
      : '';
    const code = exitCode === undefined ? '' : `, code ${exitCode}`;
    return `${verb}${ago}${code}`;
  }
  return describeState(container, now);
}
