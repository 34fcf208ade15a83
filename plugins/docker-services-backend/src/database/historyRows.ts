import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';

/** The action history's table, one row per action, ask or schedule change. */
export const TABLE = 'docker_services_history';
const MAX_REASON_LENGTH = 500;

type ScheduleChange = NonNullable<HistoryEntry['schedule']>['change'];

/** A history row before the database gives it an id and a time. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'createdAt'>;

/** A row of the table as the database returns it. */
export type Row = {
  id: number | string;
  entity_ref: string;
  actor: string;
  action: string;
  host: string;
  container_id: string;
  container_name: string;
  reason: string | null;
  outcome: string;
  changed: boolean | number;
  error: string | null;
  created_at: string | Date;
  finished_at?: string | Date | null;
  target?: string | null;
  replicas_from?: number | null;
  replicas_to?: number | null;
  schedule_change?: string | null;
  schedule_cron?: string | null;
  schedule_time_zone?: string | null;
  engine_running_since?: string | null;
  engine_started_before?: string | null;
  engine_started_after?: string | null;
  engine_finished_after?: string | null;
  channel?: string | null;
};

/** A new row, unchanged and without error, written now. */
export function toRow(
  entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  outcome: 'requested' | 'asked',
  now: Date,
): Omit<Row, 'id'> {
  return {
    entity_ref: entry.entityRef,
    actor: entry.actor,
    action: entry.action,
    host: entry.host,
    container_id: entry.containerId,
    container_name: entry.containerName,
    reason: entry.reason?.slice(0, MAX_REASON_LENGTH) ?? null,
    outcome,
    changed: false,
    error: null,
    created_at: now.toISOString(),
    ...(entry.target === 'service' ? { target: 'service' } : {}),
    ...(entry.channel ? { channel: entry.channel } : {}),
    ...(entry.replicas
      ? { replicas_from: entry.replicas.from, replicas_to: entry.replicas.to }
      : {}),
    ...(entry.schedule
      ? {
          schedule_change: entry.schedule.change,
          schedule_cron: entry.schedule.cron ?? null,
          schedule_time_zone: entry.schedule.timeZone ?? null,
        }
      : {}),
  };
}

export function toEntry(row: Row): HistoryEntry {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    actor: row.actor,
    action: row.action as HistoryEntry['action'],
    ...(row.target === 'service' ? { target: 'service' as const } : {}),
    ...(row.replicas_from !== null &&
    row.replicas_from !== undefined &&
    row.replicas_to !== null &&
    row.replicas_to !== undefined
      ? {
          replicas: {
            from: Number(row.replicas_from),
            to: Number(row.replicas_to),
          },
        }
      : {}),
    ...(row.schedule_change
      ? {
          schedule: {
            change: row.schedule_change as ScheduleChange,
            ...(row.schedule_cron ? { cron: row.schedule_cron } : {}),
            ...(row.schedule_time_zone
              ? { timeZone: row.schedule_time_zone }
              : {}),
          },
        }
      : {}),
    host: row.host,
    containerId: row.container_id,
    containerName: row.container_name,
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.channel === 'assistant' ? { channel: 'assistant' as const } : {}),
    outcome: row.outcome as HistoryEntry['outcome'],
    changed: Boolean(row.changed),
    ...(row.error ? { error: row.error } : {}),
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.action === 'stop' && row.engine_finished_after
      ? { dockerFinishedAt: row.engine_finished_after }
      : {}),
  };
}

/**
 * Milliseconds since the epoch of a time Docker wrote (RFC 3339 with up to
 * nanoseconds); undefined for none or Docker's "never" (year 1).
 */
export function engineMs(time: string | null | undefined): number | undefined {
  if (!time || /^0001-01-01/.test(time)) return undefined;
  const ms = Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}
