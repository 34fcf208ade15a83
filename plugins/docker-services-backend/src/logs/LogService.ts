import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineLogOptions } from '../docker/DockerHost';
import { SwarmServices } from '../swarm/SwarmServices';
import { InputError } from '@backstage/errors';
import { Request, Response } from 'express';
import { LogLimits } from '../config';
import { ContainerService } from '../service/ContainerService';
import { LogStreamLimiter, logReaderKey } from './LogStreamLimiter';
import { LogQuery } from './logQuery';
import { streamLogs } from './streamLogs';
import { writeLogHeaders } from './writeLogHeaders';
import { servedLogRead } from './servedLogRead';
import { MergedLogRequest, MergedLogService } from './MergedLogService';

export type { LogQuery } from './logQuery';

/** One logs request: who reads what, validated by the router. */
export interface LogRequest {
  req: Request;
  res: Response;
  entity: Entity;
  entityRef: string;
  /** Who reads: log streams are bounded per person as well as per host. */
  credentials: BackstageCredentials;
  host: string;
  id: string;
  query: LogQuery;
}

/** Serves `GET …/logs`: limits, stream slots per host and person, audit, headers, streaming. */
export class LogService {
  readonly #containers: ContainerService;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #limits: LogLimits;
  readonly #streams: LogStreamLimiter;
  readonly #services?: SwarmServices;
  readonly #merged: MergedLogService;

  static create(options: {
    containers: ContainerService;
    /** When given, Swarm services' logs are served too. */
    services?: SwarmServices;
    auditor: AuditorService;
    logger: LoggerService;
    limits: LogLimits;
  }) {
    return new LogService(options);
  }

  private constructor(options: {
    containers: ContainerService;
    services?: SwarmServices;
    auditor: AuditorService;
    logger: LoggerService;
    limits: LogLimits;
  }) {
    this.#containers = options.containers;
    this.#services = options.services;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#limits = options.limits;
    this.#streams = new LogStreamLimiter(this.#limits);
    this.#merged = MergedLogService.create({
      ...options,
      streams: this.#streams,
    });
  }

  /**
   * One log slot on a host for a read outside HTTP (an assistant's), counted
   * with the pages' streams under the same per-host and per-person limits;
   * the answer releases it.
   */
  takeReadSlot(host: string, credentials: BackstageCredentials): () => void {
    return this.#streams.acquire({
      host,
      user: logReaderKey(credentials),
      follow: false,
    });
  }

  /** The logs of all the entity's containers on a host (or all), merged by time. */
  serveEntity(request: MergedLogRequest): Promise<void> {
    return this.#merged.serve(request);
  }

  async serve(request: LogRequest): Promise<void> {
    const { entity, host, id } = request;
    await this.#serve(request, {
      eventId: 'container-logs',
      meta: { containerId: id },
      prepare: async () => {
        const prepared = await this.#containers.prepareLogs({
          entity,
          host,
          id,
        });
        return {
          name: prepared.containerName,
          tty: prepared.tty,
          open: prepared.open,
          check: () => this.#containers.resolveContainer({ entity, host, id }),
        };
      },
    });
  }

  /**
   * A Swarm service's log through its manager: every task's lines, each
   * naming its task (replica) and node. Docker cannot end a service's log
   * at a time, so `until` is refused.
   */
  async serveService(request: LogRequest): Promise<void> {
    const services = this.#services;
    if (!services) {
      throw new InputError('Swarm services are not served here.');
    }
    if (request.query.until) {
      throw new InputError(
        "Docker cannot end a Swarm service's log at a given time; leave out until (since and tail work).",
      );
    }
    const { entity, host, id } = request;
    await this.#serve(request, {
      eventId: 'service-logs',
      meta: { serviceId: id },
      prepare: async () => {
        const prepared = await services.prepareLogs({ entity, host, id });
        return {
          name: prepared.serviceName,
          tty: prepared.tty,
          open: prepared.open,
          check: () => services.resolveService({ entity, host, id }),
          mapLine: line => prepared.lines.map(line),
          // Read when the log ends: the binding may have ended it.
          followEnd: () =>
            prepared.endedBecause() ??
            'The service was removed; its log ends here.',
          // A log read to its end that Docker left open is ended, and said.
          readEnd: () => prepared.endedBecause(),
        };
      },
    });
  }

  async #serve(
    request: LogRequest,
    source: {
      eventId: string;
      meta: JsonObject;
      prepare: () => Promise<{
        name: string;
        tty: boolean;
        open(
          options: EngineLogOptions,
          signal: AbortSignal,
        ): Promise<NodeJS.ReadableStream>;
        check(): Promise<unknown>;
        mapLine?: (line: LogLine) => LogLine;
        followEnd?: string | (() => string);
        readEnd?: () => string | undefined;
      }>;
    },
  ): Promise<void> {
    const { res, entityRef, host, query } = request;
    await servedLogRead(
      {
        auditor: this.#auditor,
        limits: this.#limits,
        streams: this.#streams,
      },
      request,
      { eventId: source.eventId, meta: { entityRef, host, ...source.meta } },
      async ({ controller, engineOptions, notices, capNotice, acquire }) => {
        // Not found, not allowed and host down are still plain HTTP errors.
        const prepared = await source.prepare();
        // Only now, with a container found on a configured host, is a slot
        // taken: the limiter never counts hosts that do not exist.
        const release = acquire([host]);
        try {
          if (controller.signal.aborted) return; // the client left meanwhile
          writeLogHeaders(res, query.format, prepared.name);
          await streamLogs({
            res,
            openSource: () =>
              prepared.open(engineOptions(query.timestamps), controller.signal),
            abort: () => controller.abort(),
            checkEngine: prepared.check,
            host,
            tty: prepared.tty,
            timestamps: query.timestamps,
            follow: query.follow,
            format: query.format,
            notices,
            capNotice,
            limits: this.#limits,
            logger: this.#logger,
            mapLine: prepared.mapLine,
            followEnd: prepared.followEnd,
            readEnd: prepared.readEnd,
          });
        } finally {
          release();
        }
      },
    );
  }
}
