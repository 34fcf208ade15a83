import {
  JOB_AFTER_LABEL,
  JOB_LABEL,
  JOB_RETRIES_LABEL,
  JOB_RETRY_DELAY_LABEL,
} from '@docker-services/backstage-plugin-docker-services-common';

/** The most retries a container's label may ask for. */
export const MAX_JOB_RETRIES = 5;
/** The longest delay between a failed run and its retry: one day. */
const MAX_RETRY_DELAY_SECONDS = 86_400;
const DEFAULT_RETRY_DELAY_SECONDS = 60;

/** What a job container's labels declare. */
export interface JobLabels {
  retries: { count: number; delaySeconds: number };
  /** The jobs that must succeed before it in its pipeline, by container name. */
  after?: string[];
}

/** The most steps one job may wait for. */
const MAX_AFTER = 20;

/**
 * Whether the container is a job (its own label `docker-services.job=true`,
 * set where the container is defined, never by the catalog) and its retry
 * policy. A retry label out of bounds is clamped; one that is not a number
 * counts as none, so a typo never starts runs nobody asked for.
 */
export function readJobLabels(
  labels: Record<string, string> | null | undefined,
): JobLabels | undefined {
  if (!labels || labels[JOB_LABEL]?.trim().toLowerCase() !== 'true') {
    return undefined;
  }
  const count = Number(labels[JOB_RETRIES_LABEL] ?? 0);
  const delay = parseDelaySeconds(labels[JOB_RETRY_DELAY_LABEL]);
  const after = parseAfter(labels[JOB_AFTER_LABEL]);
  return {
    ...(after.length ? { after } : {}),
    retries: {
      count: Number.isInteger(count)
        ? Math.min(Math.max(count, 0), MAX_JOB_RETRIES)
        : 0,
      delaySeconds: Math.min(
        delay ?? DEFAULT_RETRY_DELAY_SECONDS,
        MAX_RETRY_DELAY_SECONDS,
      ),
    },
  };
}

/** `90`, `90s`, `5m` or `1h` to seconds; undefined when it is none of them. */
function parseDelaySeconds(value: string | undefined): number | undefined {
  const match = /^\s*(\d{1,6})\s*([smh]?)\s*$/.exec(value ?? '');
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600 }[
    match[2] as '' | 's' | 'm' | 'h'
  ];
  return Number(match[1]) * unit;
}

/**
 * `import, clean` to its container names: a leading `/` (as Docker writes
 * names) is dropped, duplicates and empty parts are ignored.
 */
function parseAfter(value: string | undefined): string[] {
  const names = (value ?? '')
    .split(',')
    .map(name => name.trim().replace(/^\//, ''))
    .filter(Boolean);
  return [...new Set(names)].slice(0, MAX_AFTER);
}
