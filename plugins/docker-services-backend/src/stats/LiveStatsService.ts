import { AuditorService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { LiveStatsEvent } from '@docker-services/backstage-plugin-docker-services-common';
import { Request, Response } from 'express';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { writeLogHeaders } from '../logs/writeLogHeaders';
import { auditedRead } from '../service/auditedRead';
import { ContainerService } from '../service/ContainerService';
import { LiveStatsSettings } from './readLiveStatsSettings';
import { StatsSamplers } from './StatsSamplers';

/** Seconds without a sample before a heartbeat says the stream is alive. */
const HEARTBEAT_SECONDS = 15;

/** One live-stats request, validated and authorized by the router. */
export interface LiveStatsRequest {
  req: Request;
  res: Response;
  entity: Entity;
  entityRef: string;
  host: string;
  id: string;
}

/**
 * Serves `GET …/stats/live`: the container's samples so far, then each new
 * one as NDJSON for as long as the request stays open. Every viewer of a
 * container shares its one sampler.
 */
export class LiveStatsService {
  readonly #containers: ContainerService;
  readonly #hosts: DockerHostRegistry;
  readonly #samplers: StatsSamplers;
  readonly #settings: LiveStatsSettings;
  readonly #auditor: AuditorService;

  static create(options: {
    containers: ContainerService;
    hosts: DockerHostRegistry;
    samplers: StatsSamplers;
    settings: LiveStatsSettings;
    auditor: AuditorService;
  }): LiveStatsService {
    return new LiveStatsService(options);
  }

  private constructor(options: Parameters<typeof LiveStatsService.create>[0]) {
    this.#containers = options.containers;
    this.#hosts = options.hosts;
    this.#samplers = options.samplers;
    this.#settings = options.settings;
    this.#auditor = options.auditor;
  }

  async serve(request: LiveStatsRequest): Promise<void> {
    const { req, res, entity, entityRef, host, id } = request;
    await auditedRead(
      this.#auditor,
      {
        req,
        eventId: 'container-stats-live',
        meta: { entityRef, host, containerId: id },
      },
      async () => {
        // Not found, another entity's, and host down are plain HTTP errors.
        const { container } = await this.#containers.resolveContainer({
          entity,
          host,
          id,
        });
        if (container.state !== 'running') {
          throw new ConflictError(
            `${container.name} is not running, so there is nothing to chart. Start it to see its CPU, memory and network use.`,
          );
        }
        if (res.destroyed) return; // the client left meanwhile
        const [dockerHost] = this.#hosts.select([host]);
        let heartbeat: NodeJS.Timeout | undefined;
        const send = (event: LiveStatsEvent) => {
          // A reader this far behind misses points rather than piling them up.
          if (res.destroyed || res.writableNeedDrain) return;
          res.write(`${JSON.stringify(event)}\n`);
          clearTimeout(heartbeat);
          heartbeat = setTimeout(
            () => send({ event: 'heartbeat' }),
            HEARTBEAT_SECONDS * 1000,
          );
        };
        let over!: () => void;
        const done = new Promise<void>(resolve => (over = resolve));
        const watching = this.#samplers.watch(
          {
            host,
            id: container.id,
            name: container.name,
            open: signal =>
              dockerHost.containerStatsStream(container.id, signal),
          },
          {
            sample: sample => send({ event: 'sample', sample }),
            end: message => {
              if (message) send({ event: 'end', message });
              res.end();
              over();
            },
          },
        );
        // The viewer counts while the request is open.
        res.on('close', () => over());
        try {
          writeLogHeaders(res, 'ndjson', container.name);
          send({
            event: 'history',
            samples: watching.history,
            intervalSeconds: this.#settings.intervalSeconds,
            windowSeconds: this.#settings.windowSeconds,
          });
          await done;
        } finally {
          clearTimeout(heartbeat);
          watching.leave();
        }
      },
    );
  }
}
