import { Entity } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ContainerDiagnosis,
  LogLine,
} from '@docker-services/backstage-plugin-docker-services-common';
import { HistoryStore } from '../database/HistoryStore';
import { ContainerService } from '../service/ContainerService';
import { diagnose } from './diagnose';
import { readLastLines } from './readLastLines';

/**
 * "Why did it stop?": Docker's record of the container (inspect), the
 * portal's own history (who stopped it, when, why) and the last lines it
 * wrote, put into words.
 */
export class DiagnosisService {
  readonly #containers: ContainerService;
  readonly #history: HistoryStore;
  readonly #logger: LoggerService;
  readonly #linesTimeoutMs: number;

  constructor(options: {
    containers: ContainerService;
    history: HistoryStore;
    logger: LoggerService;
    /** How long reading the last lines may take before it is given up. */
    linesTimeoutMs?: number;
  }) {
    this.#containers = options.containers;
    this.#history = options.history;
    this.#logger = options.logger;
    this.#linesTimeoutMs = options.linesTimeoutMs ?? 5000;
  }

  async diagnose(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ContainerDiagnosis> {
    const details = await this.#containers.getContainerDetails(request);
    const stopped = details.state === 'exited' || details.state === 'dead';
    const [portalStop, lines] = await Promise.all([
      stopped && details.finishedAt
        ? this.#history.stopAt({
            host: details.host,
            containerId: details.id,
            endedAt: new Date(details.finishedAt),
            // Docker's own start of the run that ended: the identity the
            // portal's stop recorded when it was sent.
            ...(details.startedAt ? { runStartedAt: details.startedAt } : {}),
          })
        : undefined,
      this.#lastLines(request, stopped ? details.finishedAt : undefined),
    ]);
    return diagnose({
      details,
      portalStop,
      lines: lines.lines,
      linesError: lines.error,
      now: new Date(),
    });
  }

  async #lastLines(
    request: { entity: Entity; host: string; id: string },
    until?: string,
  ): Promise<{ lines: LogLine[]; error?: string }> {
    try {
      const prepared = await this.#containers.prepareLogs(request);
      const lines = await readLastLines({
        open: (options, signal) => prepared.open(options, signal),
        tty: prepared.tty,
        until,
        timeoutMs: this.#linesTimeoutMs,
      });
      return { lines };
    } catch (error) {
      this.#logger.warn(
        `Could not read the last log lines of ${request.id} on ${request.host}: ${error}`,
      );
      return {
        lines: [],
        error:
          'Its last log lines could not be read just now; open the logs to try again.',
      };
    }
  }
}
