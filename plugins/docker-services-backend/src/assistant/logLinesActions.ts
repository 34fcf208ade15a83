import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { dockerContainerLogsPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { z } from 'zod/v3';
import { toUnixSeconds } from '../routerSchemas';
import { AuthorizedEntity } from '../service/EntityAuthorizer';
import { AssistantServices } from './AssistantServices';
import { assistantRead } from './assistantCall';
import { containerIdField, entityField, hostField } from './assistantInput';
import { MAX_ASSISTANT_LINES, readLogLines } from './readLogLines';

const linesField = (zod: typeof z) =>
  zod
    .number()
    .int()
    .min(1)
    .max(MAX_ASSISTANT_LINES)
    .default(50)
    .describe(
      `How many of the last lines to read (1 to ${MAX_ASSISTANT_LINES}; the portal may cap it lower). Default 50.`,
    );

const logInput = (zod: typeof z) =>
  zod.object({
    entity: entityField(zod),
    host: hostField(zod),
    containerId: containerIdField(zod),
    lines: linesField(zod),
  });

const output = (zod: typeof z) =>
  zod.object({
    lines: zod
      .array(
        zod.object({
          stream: zod.enum(['stdout', 'stderr']),
          time: zod.string().optional(),
          line: zod.string(),
          truncated: zod
            .object({ keptBytes: zod.number(), totalBytes: zod.number() })
            .optional(),
        }),
      )
      .describe(
        'Oldest first, with the time Docker recorded; control sequences removed.',
      ),
    notice: zod
      .string()
      .optional()
      .describe('Said when fewer lines were returned than asked for.'),
  });

/**
 * The last lines of a container's log, or of one run of a job: the logs
 * permission, as on the tab, and never more than the portal's limits.
 */
export function registerLogLines(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  const { containers, jobs, logLimits: limits } = services;
  const deadlineMs = services.hostDeadlineMs;

  /** The last lines, as the person may read them, between Docker's times when given. */
  const readAs = (
    credentials: BackstageCredentials,
    input: z.infer<ReturnType<typeof logInput>>,
    window?: (authorized: AuthorizedEntity) => Promise<{
      since?: string;
      until?: string;
    }>,
    meta: JsonObject = {},
  ) => {
    const { host, containerId: id } = input;
    return assistantRead(
      services,
      {
        credentials,
        entity: input.entity,
        permission: dockerContainerLogsPermission,
        eventId: 'container-logs',
        meta: { host, containerId: id, ...meta, follow: false },
      },
      async authorized => {
        const range = await window?.(authorized);
        const prepared = await containers.prepareLogs({
          entity: authorized.entity,
          host,
          id,
        });
        const release = services.logs.takeReadSlot(host, credentials);
        try {
          return await readLogLines({
            open: prepared.open,
            tty: prepared.tty,
            lines: input.lines,
            ...range,
            limits,
            deadlineMs,
          });
        } finally {
          release();
        }
      },
    );
  };

  registry.register({
    name: 'read-container-log',
    title: "Read the last lines of a container's log",
    description:
      "Reads the last lines a container of an entity wrote (stdout and stderr, oldest first, with Docker's times), without terminal control sequences. For a job, read-job-run-log reads one run. Needs the person's permission to read the entity's logs. Take the host and container id from list-entity-workloads.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: logInput, output },
    action: async ({ input, credentials }) => ({
      output: await readAs(credentials, input),
    }),
  });

  registry.register({
    name: 'read-job-run-log',
    title: 'Read the log of one run of a job',
    description:
      "Reads the last lines one run of a job wrote (the job container's log between that run's start and end), without terminal control sequences. The run's number comes from list-entity-workloads (a job's lastRun.id). Needs the person's permission to read the entity's logs.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: zod =>
        logInput(zod).extend({
          runId: zod.number().int().min(1).describe('The number of the run.'),
        }),
      output,
    },
    action: async ({ input, credentials }) => {
      const { host, containerId: id, runId } = input;
      const read = await readAs(
        credentials,
        input,
        async ({ entity, entityRef }) => {
          const run = await jobs.runWindow({
            entity,
            entityRef,
            host,
            id,
            runId,
          });
          // From the previous run's end (the first run: its own start, less a margin).
          return {
            since: run.since ? toUnixSeconds(run.since) : '0',
            until: run.until ? toUnixSeconds(run.until) : undefined,
          };
        },
        { runId },
      );
      return { output: read };
    },
  });
}
