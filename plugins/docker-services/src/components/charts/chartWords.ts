import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';

/** "40.1 MiB": bytes in binary units, as `docker stats` shows them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export const formatRate = (bytesPerSecond: number) =>
  `${formatBytes(bytesPerSecond)}/s`;

export const formatPercent = (percent: number) => `${percent.toFixed(1)} %`;

/** "2 minutes", "40 seconds": how far back the samples reach. */
export function spanWords(samples: StatsSample[]): string {
  if (samples.length < 2) return 'moment';
  const seconds = Math.round(
    (Date.parse(samples[samples.length - 1].time) -
      Date.parse(samples[0].time)) /
      1000,
  );
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

function range(values: number[]) {
  return { low: Math.min(...values), high: Math.max(...values) };
}

/** The CPU chart in words: now, lowest and highest. */
export function cpuSummary(samples: StatsSample[]): string {
  if (samples.length === 0) return 'CPU: no measurement yet.';
  const { low, high } = range(samples.map(s => s.cpuPercent));
  const now = samples[samples.length - 1].cpuPercent;
  return `CPU: now ${formatPercent(now)} of one core; lowest ${formatPercent(
    low,
  )}, highest ${formatPercent(high)} over the last ${spanWords(samples)}.`;
}

/** The memory chart in words: now (of the limit), lowest and highest. */
export function memorySummary(samples: StatsSample[]): string {
  if (samples.length === 0) return 'Memory: no measurement yet.';
  const { low, high } = range(samples.map(s => s.memoryUsedBytes));
  const last = samples[samples.length - 1];
  return `Memory: now ${formatBytes(last.memoryUsedBytes)} of ${formatBytes(
    last.memoryLimitBytes,
  )} allowed; lowest ${formatBytes(low)}, highest ${formatBytes(
    high,
  )} over the last ${spanWords(samples)}.`;
}

/** The network chart in words: now and highest, in and out. */
export function networkSummary(samples: StatsSample[]): string {
  if (samples.length === 0) return 'Network: no measurement yet.';
  const input = range(samples.map(s => s.networkInBytesPerSecond));
  const output = range(samples.map(s => s.networkOutBytesPerSecond));
  const last = samples[samples.length - 1];
  return `Network: now ${formatRate(
    last.networkInBytesPerSecond,
  )} in and ${formatRate(
    last.networkOutBytesPerSecond,
  )} out; lowest ${formatRate(input.low)} in and ${formatRate(
    output.low,
  )} out, highest ${formatRate(input.high)} in and ${formatRate(
    output.high,
  )} out over the last ${spanWords(samples)}.`;
}

/** One line under the container's state: its use right now. */
export function usageLine(
  running: boolean,
  live: { status: string; samples: StatsSample[]; message?: string },
): string {
  if (!running) return 'Not running, so it uses no CPU or memory.';
  const last = live.samples[live.samples.length - 1];
  if (!last) {
    return live.status === 'loading' || live.status === 'live'
      ? 'Measuring CPU and memory use…'
      : live.message ?? 'CPU and memory use could not be measured.';
  }
  return `Using ${formatPercent(last.cpuPercent)} CPU and ${formatBytes(
    last.memoryUsedBytes,
  )} of memory (limit ${formatBytes(
    last.memoryLimitBytes,
  )}); network ${formatRate(last.networkInBytesPerSecond)} in, ${formatRate(
    last.networkOutBytesPerSecond,
  )} out.`;
}
