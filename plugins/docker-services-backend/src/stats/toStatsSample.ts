import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineStats } from '../docker/DockerHost';
import { toContainerStats } from '../service/toContainerStats';

/**
 * One chart point from two of Docker's readings: CPU percent as
 * `docker stats` computes it, but over the whole interval between the two
 * readings (not only Docker's last second); memory as the later reading has
 * it; network as bytes per second between the two.
 */
export function toStatsSample(
  previous: EngineStats,
  current: EngineStats,
): StatsSample {
  const now = toContainerStats({
    ...current,
    precpu_stats: previous.cpu_stats,
  });
  const before = toContainerStats(previous);
  const seconds = (Date.parse(current.read) - Date.parse(previous.read)) / 1000;
  // A counter that went back (a network removed, a restart) counts as no traffic.
  const perSecond = (later: number, earlier: number) =>
    seconds > 0 ? Math.max(0, Math.round((later - earlier) / seconds)) : 0;
  return {
    time: current.read,
    cpuPercent: now.cpuPercent,
    memoryUsedBytes: now.memory.usedBytes,
    memoryLimitBytes: now.memory.limitBytes,
    networkInBytesPerSecond: perSecond(
      now.network.rxBytes,
      before.network.rxBytes,
    ),
    networkOutBytesPerSecond: perSecond(
      now.network.txBytes,
      before.network.txBytes,
    ),
  };
}
