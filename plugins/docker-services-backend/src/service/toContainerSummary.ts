import {
  ContainerDetails,
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
  ContainerHealth,
  ContainerPort,
  ContainerState,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { EngineContainer, EngineContainerInspect } from '../docker/DockerHost';
import { readJobLabels } from '../jobs/jobLabels';

const STATES: ContainerState[] = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
];
const HEALTH: ContainerHealth[] = ['starting', 'healthy', 'unhealthy'];
// Docker writes this for "never": 0001-01-01T00:00:00Z.
const ZERO_TIME = /^0001-01-01/;

/**
 * The wire shape of one container, built from the list entry and, when
 * available, its inspect answer. Only named fields cross: no env, mounts or
 * arbitrary labels.
 */
export function toContainerSummary(
  host: string,
  listed: EngineContainer,
  inspected?: EngineContainerInspect,
): ContainerSummary {
  const labels = listed.Labels ?? {};
  const state = inspected?.State;
  const stateName = (state?.Status ?? listed.State) as ContainerState;
  const health = state?.Health?.Status as ContainerHealth | undefined;
  const summary: ContainerSummary = {
    host,
    id: listed.Id,
    name: (listed.Names?.[0] ?? listed.Id.slice(0, 12)).replace(/^\//, ''),
    image: listed.Image,
    state: STATES.includes(stateName) ? stateName : 'dead',
    status: listed.Status,
    createdAt: new Date(listed.Created * 1000).toISOString(),
    ports: toPorts(listed.Ports),
  };
  if (health && HEALTH.includes(health)) summary.health = health;
  if (inspected && state) {
    if (state.StartedAt && !ZERO_TIME.test(state.StartedAt)) {
      summary.startedAt = state.StartedAt;
    }
    if (state.FinishedAt && !ZERO_TIME.test(state.FinishedAt)) {
      summary.finishedAt = state.FinishedAt;
    }
    if (summary.state === 'exited' || summary.state === 'dead') {
      summary.exitCode = state.ExitCode;
    }
    summary.oomKilled = state.OOMKilled;
    summary.restartCount = inspected.RestartCount;
  }
  const project = labels[COMPOSE_PROJECT_LABEL];
  if (project) {
    const number = Number(labels['com.docker.compose.container-number']);
    summary.compose = {
      project,
      service: labels[COMPOSE_SERVICE_LABEL],
      ...(Number.isInteger(number) ? { number } : {}),
    };
  }
  const job = readJobLabels(labels);
  if (job) summary.job = job;
  return summary;
}

const MAX_HEALTH_OUTPUT = 500;

/** A container's summary plus its recent health checks. */
export function toContainerDetails(
  host: string,
  listed: EngineContainer,
  inspected: EngineContainerInspect,
): ContainerDetails {
  return {
    ...toContainerSummary(host, listed, inspected),
    healthLog: (inspected.State.Health?.Log ?? []).slice(-5).map(run => ({
      start: run.Start,
      end: run.End,
      exitCode: run.ExitCode,
      output:
        run.Output.length > MAX_HEALTH_OUTPUT
          ? `${run.Output.slice(0, MAX_HEALTH_OUTPUT)}…`
          : run.Output,
    })),
  };
}

function toPorts(ports: EngineContainer['Ports'] | undefined): ContainerPort[] {
  const seen = new Set<string>();
  const result: ContainerPort[] = [];
  for (const p of ports ?? []) {
    const protocol = (
      ['tcp', 'udp', 'sctp'].includes(p.Type) ? p.Type : 'tcp'
    ) as ContainerPort['protocol'];
    // Docker lists a published port once per address family; show it once.
    const key = `${p.PrivatePort}/${p.PublicPort ?? ''}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({
      privatePort: p.PrivatePort,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      protocol,
    });
  }
  return result;
}
