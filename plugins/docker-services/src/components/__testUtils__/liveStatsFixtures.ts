import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';

/** jsdom measures nothing; recharts' ResponsiveContainer only needs the API. */
export function stubResizeObserver() {
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

/** A sample `second` seconds into 2026, using `cpu` % and 10 MiB of 1 GiB. */
export const sample = (second: number, cpu: number): StatsSample => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  cpuPercent: cpu,
  memoryUsedBytes: 10 * 2 ** 20,
  memoryLimitBytes: 2 ** 30,
  networkInBytesPerSecond: 0,
  networkOutBytesPerSecond: 0,
});
