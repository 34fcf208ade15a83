import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import {
  cpuSummary,
  memorySummary,
  networkSummary,
  usageLine,
} from './chartWords';

const sample = (
  second: number,
  cpu: number,
  memMiB: number,
  inB = 0,
  outB = 0,
): StatsSample => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  cpuPercent: cpu,
  memoryUsedBytes: memMiB * 2 ** 20,
  memoryLimitBytes: 2 ** 30,
  networkInBytesPerSecond: inB,
  networkOutBytesPerSecond: outB,
});

const samples = [
  sample(0, 2, 40, 100, 10),
  sample(2, 98.46, 60, 2048, 0),
  sample(4, 50, 50, 1024, 512),
];

describe('chart summaries', () => {
  it('say now, lowest and highest of each chart, and how far back they reach', () => {
    expect(cpuSummary(samples)).toBe(
      'CPU: now 50.0 % of one core; lowest 2.0 %, highest 98.5 % over the last 4 seconds.',
    );
    expect(memorySummary(samples)).toBe(
      'Memory: now 50.0 MiB of 1.0 GiB allowed; lowest 40.0 MiB, highest 60.0 MiB over the last 4 seconds.',
    );
    expect(networkSummary(samples)).toBe(
      'Network: now 1.0 KiB/s in and 512 B/s out; lowest 100 B/s in and 0 B/s out, highest 2.0 KiB/s in and 512 B/s out over the last 4 seconds.',
    );
  });

  it('count minutes once the charts reach back that far', () => {
    expect(cpuSummary([sample(0, 1, 1), sample(600, 3, 1)])).toMatch(
      /over the last 10 minutes\.$/,
    );
  });

  it('say there is nothing yet rather than zeros', () => {
    expect(cpuSummary([])).toBe('CPU: no measurement yet.');
    expect(memorySummary([])).toBe('Memory: no measurement yet.');
    expect(networkSummary([])).toBe('Network: no measurement yet.');
  });

  it('sum up the use now in one line, or why there is none', () => {
    expect(usageLine(false, { status: 'loading', samples: [] })).toBe(
      'Not running, so it uses no CPU or memory.',
    );
    expect(usageLine(true, { status: 'loading', samples: [] })).toBe(
      'Measuring CPU and memory use…',
    );
    expect(
      usageLine(true, {
        status: 'failed',
        samples: [],
        message: 'Live charts are already open for 50 containers.',
      }),
    ).toBe('Live charts are already open for 50 containers.');
    expect(usageLine(true, { status: 'live', samples })).toBe(
      'Using 50.0 % CPU and 50.0 MiB of memory (limit 1.0 GiB); network 1.0 KiB/s in, 512 B/s out.',
    );
  });
});
