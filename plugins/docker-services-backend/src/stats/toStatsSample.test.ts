import { EngineStats } from '../docker/DockerHost';
import { toStatsSample } from './toStatsSample';

const reading = (
  read: string,
  cpu: number,
  system: number,
  rx: number,
  tx: number,
): EngineStats => ({
  read,
  cpu_stats: {
    cpu_usage: { total_usage: cpu },
    system_cpu_usage: system,
    online_cpus: 4,
  },
  // Docker's own previous second: ignored, the interval is between readings.
  precpu_stats: {
    cpu_usage: { total_usage: cpu - 1 },
    system_cpu_usage: system - 1,
  },
  memory_stats: {
    usage: 300 * 2 ** 20,
    limit: 2 ** 30,
    stats: { inactive_file: 100 * 2 ** 20 },
  },
  networks: {
    eth0: { rx_bytes: rx, tx_bytes: tx },
    eth1: { rx_bytes: rx, tx_bytes: 0 },
  },
});

describe('toStatsSample', () => {
  it('measures CPU over the whole interval as docker stats does, memory without cache, network per second', () => {
    const earlier = reading('2026-01-01T00:00:00Z', 1_000, 10_000, 1_000, 500);
    const later = reading(
      '2026-01-01T00:00:02.5Z',
      3_000,
      20_000,
      6_000,
      1_500,
    );
    expect(toStatsSample(earlier, later)).toEqual({
      time: '2026-01-01T00:00:02.5Z',
      // 2 000 of 10 000 host ticks, on 4 CPUs: 80 % of one core.
      cpuPercent: 80,
      memoryUsedBytes: 200 * 2 ** 20,
      memoryLimitBytes: 2 ** 30,
      // Both networks: (12 000 - 2 000) bytes in 2.5 s.
      networkInBytesPerSecond: 4_000,
      networkOutBytesPerSecond: 400,
    });
  });

  it('reads counters that went back (a restart, a network removed) as no traffic, not negative', () => {
    const earlier = reading('2026-01-01T00:00:00Z', 1_000, 10_000, 9_000, 900);
    const later = reading('2026-01-01T00:00:02Z', 1_000, 20_000, 10, 10);
    expect(toStatsSample(earlier, later)).toMatchObject({
      cpuPercent: 0,
      networkInBytesPerSecond: 0,
      networkOutBytesPerSecond: 0,
    });
  });
});
