import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { Request, Response } from 'express';
import { LogLimits } from '../config';
import { EngineLogOptions } from '../docker/DockerHost';
import { auditedRead } from '../service/auditedRead';
import { LogQuery } from './logQuery';
import { LogStreamLimiter, logReaderKey } from './LogStreamLimiter';
import { logTail } from './logTail';

/** What a log's streaming is handed once its read is allowed and audited. */
export interface LogReadContext {
  /** Ended when the client goes away; ends the Docker requests. */
  controller: AbortController;
  /** What Docker is asked for, with or without its timestamps. */
  engineOptions(timestamps: boolean): EngineLogOptions;
  /** Said before the lines. */
  notices: string[];
  /** Said when a container gave this many lines: its tail was cut. */
  capNotice?: { lines: number; message: string };
  /**
   * Takes one stream slot per host named (a host once per container),
   * all or none; from here on the client leaving means nothing is written.
   */
  acquire(hosts: string[]): () => void;
}

/** What serving a log needs: audit, limits, and the one count of open streams. */
export interface LogReadParts {
  auditor: AuditorService;
  limits: LogLimits;
  streams: LogStreamLimiter;
}

/**
 * The part every logs request shares, one container's, a service's or an
 * entity's merged log: refuses a query that asks for nothing or a followed
 * download, audits the read without its query string, and hands `stream`
 * the Docker options, the notices and the stream slots.
 */
export async function servedLogRead(
  parts: LogReadParts,
  request: {
    req: Request;
    res: Response;
    credentials: BackstageCredentials;
    query: LogQuery;
  },
  audit: { eventId: string; meta: JsonObject },
  stream: (context: LogReadContext) => Promise<void>,
): Promise<void> {
  const { req, res, query } = request;
  const options = { ...parts, ...request, ...audit };
  if (!query.stdout && !query.stderr) {
    throw new InputError(
      'Ask for stdout, stderr or both; both were turned off.',
    );
  }
  if (query.follow && query.format === 'text') {
    throw new InputError(
      'A text download cannot follow the log; leave out follow.',
    );
  }
  const { tail, notices, capNotice } = logTail(query, options.limits);
  // Log reads are audited without their query string.
  const auditRequest = Object.create(req, {
    originalUrl: { value: req.originalUrl.split('?')[0] },
  }) as Request;
  await auditedRead(
    options.auditor,
    {
      req: auditRequest,
      eventId: options.eventId,
      meta: { ...options.meta, follow: query.follow },
    },
    async () => {
      const controller = new AbortController();
      res.on('close', () => controller.abort());
      await stream({
        controller,
        engineOptions: timestamps => ({
          follow: query.follow,
          stdout: query.stdout,
          stderr: query.stderr,
          timestamps,
          tail,
          since: query.since,
          until: query.until,
        }),
        notices,
        capNotice,
        acquire: hosts =>
          options.streams.acquireAll(hosts, {
            user: logReaderKey(options.credentials),
            follow: query.follow,
          }),
      });
    },
  );
}
