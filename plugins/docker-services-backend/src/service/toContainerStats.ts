import { ContainerStats } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineStats } from '../docker/DockerHost';

/**
 * CPU percent as `docker stats` computes it: the container's share of the
 * host's CPU time between Docker's two readings, times the CPUs it may use.
 * Memory excludes the page cache, as `docker stats` does.
 */
export function toContainerStats(raw: EngineStats): ContainerStats {
  const cpuDelta =
    raw.cpu_stats.cpu_usage.total_usage -
    raw.precpu_stats.cpu_usage.total_usage;
  const systemDelta =
    (raw.cpu_stats.system_cpu_usage ?? 0) -
    (raw.precpu_stats.system_cpu_usage ?? 0);
  const cpus =
    raw.cpu_stats.online_cpus ??
    raw.cpu_stats.cpu_usage.percpu_usage?.length ??
    1;
  const cpuPercent =
    cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const stats = raw.memory_stats.stats ?? {};
  const cache =
    stats.inactive_file ?? stats.total_inactive_file ?? stats.cache ?? 0;
  const usage = raw.memory_stats.usage ?? 0;
  let rxBytes = 0;
  let txBytes = 0;
  for (const network of Object.values(raw.networks ?? {})) {
    rxBytes += network.rx_bytes;
    txBytes += network.tx_bytes;
  }
  return {
    cpuPercent: Math.round(cpuPercent * 100) / 100,
    memory: {
      usedBytes: Math.max(0, usage - cache),
      limitBytes: raw.memory_stats.limit ?? 0,
    },
    network: { rxBytes, txBytes },
    sampledAt: raw.read,
  };
}
