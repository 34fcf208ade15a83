import { ENTITY_LABEL } from '@docker-services/backstage-plugin-docker-services-common';
import Docker from 'dockerode';
import { DEMO_IMAGE, TEST_LABEL } from './dockerFixtures';

export interface TestServiceOptions {
  /** Labels the service `docker-services.test=<runId>`, for cleanup. */
  runId: string;
  /** The service is named `<runId>-<name>`. */
  name: string;
  /** Default 1. */
  replicas?: number;
  /** Binds the service: its label `docker-services.entity` (service labels, not the tasks' containers). */
  entityRef?: string;
  /** More service labels. */
  labels?: Record<string, string>;
  /** Default the demo image, on both nodes. */
  image?: string;
  /**
   * Default: prints `slot <n> on <node>` once, then sleeps; exits at once
   * on SIGTERM, so scale-down and rolling restarts do not wait out the stop
   * grace period. The env vars TASK_SLOT and NODE_NAME are set in every task.
   */
  cmd?: string[];
  constraints?: string[];
  /** Anything else in the spec (update config, restart policy…). */
  customize?: (spec: Docker.CreateServiceOptions) => void;
}

/** The spec of a labelled test service (see {@link TestServiceOptions}). */
export function testServiceSpec(
  options: TestServiceOptions,
): Docker.CreateServiceOptions {
  const spec: Docker.CreateServiceOptions = {
    Name: `${options.runId}-${options.name}`,
    Labels: {
      [TEST_LABEL]: options.runId,
      ...(options.entityRef ? { [ENTITY_LABEL]: options.entityRef } : {}),
      ...options.labels,
    },
    TaskTemplate: {
      ContainerSpec: {
        Image: options.image ?? DEMO_IMAGE,
        Command: options.cmd ?? [
          'sh',
          '-c',
          'trap "exit 0" TERM; echo "slot $TASK_SLOT on $NODE_NAME"; while true; do sleep 1; done',
        ],
        Env: ['TASK_SLOT={{.Task.Slot}}', 'NODE_NAME={{.Node.Hostname}}'],
        Labels: { [TEST_LABEL]: options.runId },
      },
      Placement: { Constraints: options.constraints },
    },
    Mode: { Replicated: { Replicas: options.replicas ?? 1 } },
  };
  options.customize?.(spec);
  return spec;
}
