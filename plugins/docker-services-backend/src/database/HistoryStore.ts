import {
  HistoryEntry,
  HistoryResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Knex } from 'knex';
import {
  engineMs,
  NewHistoryEntry,
  Row,
  TABLE,
  toEntry,
  toRow,
} from './historyRows';

export { engineMs } from './historyRows';
export type { NewHistoryEntry } from './historyRows';

/** Outcomes of what the portal did: never `asked`, never `failed`. */
const ACTED = ['requested', 'succeeded', 'unknown'];
/**
 * Docker's `die` event is written a moment after the `FinishedAt` it
 * reports (both by the engine's clock).
 */
const ENGINE_EVENT_SLACK_MS = 1000;

/** What Docker said of a container just before and just after an action. */
export interface EngineFacts {
  before?: { running: boolean; startedAt?: string };
  after?: { running: boolean; startedAt?: string; finishedAt?: string };
}

/**
 * The action history in the plugin's own database (SQLite by default,
 * PostgreSQL in production). Every backend replica writes here, so the
 * history is the same whichever replica served the action.
 */
export class HistoryStore {
  readonly #db: Knex;
  readonly #now: () => Date;
  readonly #inFlightMs: number;

  static create(
    db: Knex,
    options?: {
      /** The backend's clock (a test's fake clock may stand for a skewed one). */
      now?: () => Date;
      /** How long an unanswered Docker call may still explain what Docker does. */
      inFlightMs?: number;
    },
  ): HistoryStore {
    return new HistoryStore(db, options ?? {});
  }

  private constructor(
    db: Knex,
    options: { now?: () => Date; inFlightMs?: number },
  ) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#inFlightMs = options.inFlightMs ?? 5 * 60_000;
  }

  /**
   * Writes the row of an action about to be carried out (outcome
   * `requested`) and returns its id. Throws when the row cannot be written:
   * then the action must not happen.
   */
  async begin(
    entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<number> {
    const [inserted] = await this.#db<Row>(TABLE)
      .insert(toRow(entry, 'requested', this.#now()))
      .returning('id');
    return Number(
      typeof inserted === 'object' ? (inserted as { id: number }).id : inserted,
    );
  }

  /** Records how the action `id` ended. */
  async complete(
    id: number,
    result: Pick<HistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<void> {
    await this.#db<Row>(TABLE)
      .where('id', id)
      .update({
        outcome: result.outcome,
        changed: result.changed,
        error: result.error ?? null,
        finished_at: this.#now().toISOString(),
      });
  }

  /**
   * Keeps what Docker said of the container around the action `id`, in
   * Docker's own times: `before` is written before Docker is called, so a
   * row in flight already names the run it acts on; `after` once Docker
   * answered.
   */
  async noteEngine(id: number, facts: EngineFacts): Promise<void> {
    const update: Partial<Row> = {};
    if (facts.before) {
      update.engine_started_before = facts.before.startedAt ?? null;
      update.engine_running_since = facts.before.running
        ? facts.before.startedAt ?? null
        : null;
    }
    if (facts.after) {
      // Both, running or not: a job that exits at once has ended already
      // when Docker is read after its start.
      update.engine_started_after = facts.after.startedAt ?? null;
      update.engine_finished_after = facts.after.finishedAt ?? null;
    }
    if (Object.keys(update).length > 0) {
      await this.#db<Row>(TABLE).where('id', id).update(update);
    }
  }

  /**
   * The portal's stop (or restart) that ended a container's run, matched by
   * identity: the row names, in Docker's time, the run that was going when
   * the portal called Docker (`runStartedAt`, Docker's `State.StartedAt` of
   * the run that ended). Without it (only Docker's time of the end, from a
   * `die` event), the end must fall inside what the row saw of Docker:
   * after that run began and, once Docker answered, no later than the end
   * (a stop) or the next start (a restart) it reported. Never an ask, never
   * a failed action, never one that found the container stopped, and never
   * a comparison of the backend's clock with the engine's.
   */
  async stopAt(request: {
    host: string;
    containerId: string;
    /** Docker's time of the end (`FinishedAt`, or the `die` event's time). */
    endedAt: Date;
    /** Docker's `State.StartedAt` of the run that ended, when known. */
    runStartedAt?: string;
  }): Promise<HistoryEntry | undefined> {
    const end = request.endedAt.getTime();
    const rows = await this.#acted(request, ['stop', 'restart'])
      .whereNotNull('engine_running_since')
      .limit(10);
    const row = rows.find(candidate => {
      if (candidate.outcome === 'succeeded' && !candidate.changed) return false;
      const since = engineMs(candidate.engine_running_since)!;
      if (request.runStartedAt !== undefined) {
        return since === engineMs(request.runStartedAt);
      }
      if (end < since - ENGINE_EVENT_SLACK_MS) return false;
      const after =
        candidate.action === 'stop'
          ? engineMs(candidate.engine_finished_after)
          : engineMs(candidate.engine_started_after);
      if (after !== undefined) return end <= after + ENGINE_EVENT_SLACK_MS;
      return this.#inFlight(candidate);
    });
    return row ? toEntry(row) : undefined;
  }

  /**
   * The portal's start (or restart) that began the run Docker started at
   * `runStartedAt` (its `State.StartedAt`), matched by identity: the run
   * Docker reported after the call, or, while the call is in flight, the
   * first run after the one Docker reported before it. Never an ask, never
   * a failed action, never one that found it running already.
   */
  async startAt(request: {
    host: string;
    containerId: string;
    runStartedAt: string;
  }): Promise<HistoryEntry | undefined> {
    const start = engineMs(request.runStartedAt);
    if (start === undefined) return undefined;
    const rows = await this.#acted(request, ['start', 'restart']).limit(10);
    const row = rows.find(candidate => {
      if (candidate.outcome === 'succeeded' && !candidate.changed) return false;
      const after = engineMs(candidate.engine_started_after);
      if (after !== undefined) return after === start;
      if (!this.#inFlight(candidate)) return false;
      if (candidate.engine_started_before === null) return false;
      const before = engineMs(candidate.engine_started_before);
      return before === undefined || before < start;
    });
    return row ? toEntry(row) : undefined;
  }

  /**
   * The rows of what the portal did (or is doing) to a container: asks and
   * failures are not actions, whatever their `action` says.
   */
  #acted(where: { host: string; containerId: string }, actions: string[]) {
    return this.#db<Row>(TABLE)
      .where({ host: where.host, container_id: where.containerId })
      .whereIn('action', actions)
      .whereIn('outcome', ACTED)
      .whereNull('target')
      .orderBy('id', 'desc');
  }

  /**
   * A row whose Docker call has not answered yet (or answered without a
   * state): it may explain what Docker does for as long as a call may take,
   * by the backend's own clock on both sides.
   */
  #inFlight(row: Row): boolean {
    if (row.outcome !== 'requested' && row.outcome !== 'unknown') return false;
    return (
      this.#now().getTime() - new Date(row.created_at).getTime() <=
      this.#inFlightMs
    );
  }

  /**
   * Records a change that involves no Docker call (a job's schedule): its
   * row is complete when written.
   */
  async record(
    entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<HistoryEntry> {
    const row = {
      ...toRow(entry, 'requested', this.#now()),
      outcome: 'succeeded',
      changed: true,
    };
    const [inserted] = await this.#db<Row>(TABLE)
      .insert({ ...row, finished_at: row.created_at })
      .returning('id');
    const id = Number(
      typeof inserted === 'object' ? (inserted as { id: number }).id : inserted,
    );
    return toEntry({ ...row, id });
  }

  /**
   * Records that someone asked the owners to act (outcome `asked`): the
   * request is history too, though nothing was done to the container.
   */
  async asked(
    entry: Omit<NewHistoryEntry, 'outcome' | 'changed' | 'error'>,
  ): Promise<void> {
    const row = toRow(entry, 'asked', this.#now());
    await this.#db<Row>(TABLE).insert({ ...row, finished_at: row.created_at });
  }

  /** When `actor` last asked the owners about a container, if ever. */
  async lastAsked(request: {
    actor: string;
    host: string;
    containerId: string;
  }): Promise<Date | undefined> {
    const row = await this.#db<Row>(TABLE)
      .where({
        actor: request.actor,
        host: request.host,
        container_id: request.containerId,
        outcome: 'asked',
      })
      .orderBy('id', 'desc')
      .first();
    return row ? new Date(row.created_at) : undefined;
  }

  /** How many times `actor` asked the owners of anything since `since`. */
  async askedSince(request: { actor: string; since: Date }): Promise<number> {
    const [row] = await this.#db<Row>(TABLE)
      .where({ actor: request.actor, outcome: 'asked' })
      .where('created_at', '>=', request.since.toISOString())
      .count({ count: '*' });
    return Number((row as { count: number | string }).count);
  }

  /** Newest first; `before` is the `nextBefore` of the previous page. */
  async list(request: {
    entityRef: string;
    limit: number;
    before?: number;
  }): Promise<HistoryResponse> {
    let query = this.#db<Row>(TABLE)
      .where('entity_ref', request.entityRef)
      .orderBy('id', 'desc')
      .limit(request.limit + 1);
    if (request.before !== undefined) {
      query = query.where('id', '<', request.before);
    }
    const rows = await query;
    const items = rows.slice(0, request.limit).map(toEntry);
    return rows.length > request.limit
      ? { items, nextBefore: items[items.length - 1].id }
      : { items };
  }
}
