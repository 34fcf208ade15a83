import { readJobLabels } from './jobLabels';

describe('readJobLabels', () => {
  it('is no job without the label set to true', () => {
    expect(readJobLabels({})).toBeUndefined();
    expect(readJobLabels({ 'docker-services.job': 'yes' })).toBeUndefined();
    expect(readJobLabels(null)).toBeUndefined();
  });

  it.each([
    [{}, { count: 0, delaySeconds: 60 }],
    [
      { r: '3', d: '90' },
      { count: 3, delaySeconds: 90 },
    ],
    [
      { r: '1', d: '5m' },
      { count: 1, delaySeconds: 300 },
    ],
    [
      { r: '2', d: '2h' },
      { count: 2, delaySeconds: 7200 },
    ],
    // Out of bounds is clamped; not a number is none (never a surprise run).
    [
      { r: '50', d: '48h' },
      { count: 5, delaySeconds: 86400 },
    ],
    [
      { r: 'many', d: 'soon' },
      { count: 0, delaySeconds: 60 },
    ],
  ])('reads retries %j as %j', (given, retries) => {
    const labels: Record<string, string> = { 'docker-services.job': 'true' };
    if ('r' in given) labels['docker-services.job.retries'] = given.r!;
    if ('d' in given) labels['docker-services.job.retry-delay'] = given.d!;
    expect(readJobLabels(labels)).toEqual({ retries });
  });
});
