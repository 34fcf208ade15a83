import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import {
  EngineFacts,
  HistoryStore,
  NewHistoryEntry,
} from '../database/HistoryStore';

/** The part of an action's answer the record keeps. */
export interface ActionOutcome {
  changed: boolean;
  stateUnknown?: boolean;
  message?: string;
}

/**
 * How a person asked for an action, when not through the portal's own
 * pages or HTTP API: `assistant` for an assistant acting on their behalf.
 */
export type ActionChannel = NonNullable<HistoryEntry['channel']>;

/**
 * The audit event's words for the channel: the event has no HTTP request
 * to name the person from, so the person is named beside the channel.
 */
export function channelMeta(request: {
  channel?: ActionChannel;
  actor: string;
}): JsonObject {
  return request.channel
    ? { channel: request.channel, actor: request.actor }
    : {};
}

/** What the history row of an action says before it is carried out. */
export type RequestedEntry = Omit<
  NewHistoryEntry,
  'outcome' | 'changed' | 'error'
>;

/**
 * The one audited path for every action (a container's start, stop and
 * restart; a Swarm service's scale and rolling restart): an auditor event
 * (medium severity) for every attempt, and for every attempt on something
 * of the entity a history row, written before Docker is called and
 * completed with the outcome. No action without a record.
 */
export class ActionRecorder {
  readonly #history: HistoryStore;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;

  constructor(options: {
    history: HistoryStore;
    auditor: AuditorService;
    logger: LoggerService;
  }) {
    this.#history = options.history;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
  }

  /**
   * Audits the attempt; `resolve` finds the target (failing there leaves no
   * history row: it was not the entity's, or the request was refused), then
   * the row is written, `act` runs and the row is completed.
   */
  async record<T, R extends ActionOutcome>(request: {
    /** Absent for what the portal does by itself (a job's schedule or retry). */
    req?: Request;
    eventId: string;
    meta: JsonObject;
    resolve: () => Promise<T>;
    entry: (target: T) => RequestedEntry;
    /**
     * Carries the action out; `noteEngine` keeps what Docker said of the
     * container just before and after the call on the row (awaited before
     * Docker is called, so that the record names the run it acts on).
     */
    act: (
      target: T,
      noteEngine: (facts: EngineFacts) => Promise<void>,
    ) => Promise<R>;
  }): Promise<R> {
    const event = await this.#auditor.createEvent({
      eventId: request.eventId,
      severityLevel: 'medium',
      request: request.req,
      meta: request.meta,
    });
    let row: { id: number; entityRef: string } | undefined;
    try {
      const target = await request.resolve();
      const entry = request.entry(target);
      row = { id: await this.#begin(entry), entityRef: entry.entityRef };
      const result = await request.act(target, facts =>
        this.#noteEngine(row!, facts),
      );
      await this.#complete(row, {
        outcome: result.stateUnknown ? 'unknown' : 'succeeded',
        changed: result.changed,
        ...(result.stateUnknown ? { error: result.message } : {}),
      });
      await event.success({
        meta: {
          changed: result.changed,
          stateUnknown: Boolean(result.stateUnknown),
        },
      });
      return result;
    } catch (error) {
      if (row) {
        await this.#complete(row, {
          outcome: 'failed',
          changed: false,
          error: (error as Error).message,
        });
      }
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** When the row cannot be written, Docker is not called. */
  async #begin(entry: RequestedEntry): Promise<number> {
    try {
      return await this.#history.begin(entry);
    } catch (error) {
      this.#logger.error('Could not write docker-services history row', {
        entityRef: entry.entityRef,
        error: String(error),
      });
      throw new ServiceUnavailableError(
        `Nothing was done to ${entry.containerName}: the portal could not record the action in its history, and it acts only on the record. Try again in a moment; if it keeps failing, tell the portal's admins.`,
      );
    }
  }

  /**
   * Before Docker is called, a row that cannot name the run it acts on
   * stops the action (the record could not tell its end from a crash);
   * after, a lost note is logged.
   */
  async #noteEngine(
    row: { id: number; entityRef: string },
    facts: EngineFacts,
  ): Promise<void> {
    try {
      await this.#history.noteEngine(row.id, facts);
    } catch (error) {
      this.#logger.error("Could not note Docker's state on a history row", {
        entityRef: row.entityRef,
        rowId: row.id,
        error: String(error),
      });
      if (facts.before) {
        throw new ServiceUnavailableError(
          "Nothing was done: the portal could not record the action in its history, and it acts only on the record. Try again in a moment; if it keeps failing, tell the portal's admins.",
        );
      }
    }
  }

  /** The action happened; a lost outcome is retried, then logged, never turned into an error. */
  async #complete(
    row: { id: number; entityRef: string },
    result: Pick<HistoryEntry, 'outcome' | 'changed' | 'error'>,
  ) {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#history.complete(row.id, result);
        return;
      } catch (error) {
        if (attempt >= 3) {
          this.#logger.error('Could not complete docker-services history row', {
            entityRef: row.entityRef,
            rowId: row.id,
            outcome: result.outcome,
            error: String(error),
          });
          return;
        }
        await new Promise(resolve => setTimeout(resolve, 100 * attempt));
      }
    }
  }
}
