import { toContainerStats } from './toContainerStats';

describe('toContainerStats', () => {
  it('computes CPU and memory the way docker stats does', () => {
    expect(
      toContainerStats({
        read: '2026-01-01T00:00:01Z',
        cpu_stats: {
          cpu_usage: { total_usage: 3_000_000 },
          system_cpu_usage: 20_000_000,
          online_cpus: 2,
        },
        precpu_stats: {
          cpu_usage: { total_usage: 1_000_000 },
          system_cpu_usage: 10_000_000,
        },
        memory_stats: {
          usage: 50 * 2 ** 20,
          limit: 2 ** 30,
          stats: { inactive_file: 10 * 2 ** 20 },
        },
        networks: {
          eth0: { rx_bytes: 100, tx_bytes: 40 },
          eth1: { rx_bytes: 1, tx_bytes: 2 },
        },
      }),
    ).toEqual({
      cpuPercent: 40,
      memory: { usedBytes: 40 * 2 ** 20, limitBytes: 2 ** 30 },
      network: { rxBytes: 101, txBytes: 42 },
      sampledAt: '2026-01-01T00:00:01Z',
    });
  });

  it('says 0 % rather than dividing by zero on the first sample', () => {
    const stats = toContainerStats({
      read: '2026-01-01T00:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 5 } },
      precpu_stats: { cpu_usage: { total_usage: 0 } },
      memory_stats: {},
    });
    expect(stats.cpuPercent).toBe(0);
    expect(stats.memory).toEqual({ usedBytes: 0, limitBytes: 0 });
  });
});
