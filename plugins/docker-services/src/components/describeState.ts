import {
  ContainerSummary,
  explainExit as explainExitCode,
} from '@docker-services/backstage-plugin-docker-services-common';

/**
 * A container's state in words for people who are not Docker experts:
 * "Running for 3 hours", "Exited 5 minutes ago with code 137: killed,
 * possibly out of memory".
 */
export function describeState(
  container: ContainerSummary,
  now: Date = new Date(),
): string {
  const since = (iso?: string) => (iso ? formatDuration(now, iso) : undefined);
  switch (container.state) {
    case 'running': {
      const duration = since(container.startedAt);
      const base = duration ? `Running for ${duration}` : 'Running';
      if (container.health === 'unhealthy')
        return `${base}, failing its health check`;
      if (container.health === 'starting')
        return `${base}, health check pending`;
      if (container.health === 'healthy') return `${base}, healthy`;
      return base;
    }
    case 'exited':
    case 'dead': {
      const ago = since(container.finishedAt);
      const verb = container.state === 'dead' ? 'Dead' : 'Exited';
      const when = ago ? ` ${ago} ago` : '';
      if (container.exitCode === undefined) return `${verb}${when}`;
      return `${verb}${when} with code ${container.exitCode}: ${explainExit(
        container.exitCode,
        container.oomKilled,
      )}`;
    }
    case 'created':
      return 'Created, never started';
    case 'paused':
      return 'Paused';
    case 'restarting':
      return 'Restarting';
    case 'removing':
      return 'Being removed';
    default:
      return container.status;
  }
}

/** Why a process ends with a given exit code, in plain words. */
export function explainExit(code: number, oomKilled?: boolean): string {
  return explainExitCode(code, oomKilled).meaning;
}

/** "3 hours", "5 minutes", "2 days": the largest whole unit. */
export function formatDuration(now: Date, iso: string): string {
  const seconds = Math.max(
    0,
    Math.round((now.getTime() - Date.parse(iso)) / 1000),
  );
  const units: Array<[number, string]> = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return 'less than a second';
}
