import { Incident, IncidentTracker } from './IncidentTracker';

describe('IncidentTracker', () => {
  let recovered: Array<[string, Incident]>;
  let tracker: IncidentTracker;

  beforeEach(() => {
    jest.useFakeTimers();
    recovered = [];
    tracker = new IncidentTracker({
      quietMs: 60_000,
      loopDeaths: 3,
      loopWindowMs: 600_000,
      onRecovered: (container, incident) =>
        recovered.push([container, incident]),
    });
  });

  afterEach(() => {
    tracker.stop();
    jest.useRealTimers();
  });

  it('opens one incident for an unexpected exit, and closes it once it stayed up', () => {
    expect(tracker.died('c1', 1_000, 1, 'k1')).toEqual({
      type: 'opened',
      incident: { key: 'k1', kind: 'exited', exitCode: 1, deaths: 1 },
    });
    tracker.fine('c1');
    jest.advanceTimersByTime(59_000);
    expect(recovered).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(recovered).toEqual([
      ['c1', { key: 'k1', kind: 'exited', exitCode: 1, deaths: 1 }],
    ]);
    expect(tracker.openIncident('c1')).toBeUndefined();
  });

  it('turns quick deaths into a restart loop, told once', () => {
    expect(tracker.died('c1', 1_000, 1, 'k1')?.type).toBe('opened');
    tracker.fine('c1');
    expect(tracker.died('c1', 2_000, 1, 'k2')).toBeUndefined();
    tracker.fine('c1');
    expect(tracker.died('c1', 3_000, 1, 'k3')).toEqual({
      type: 'escalated',
      incident: { key: 'k1', kind: 'restart-loop', exitCode: 1, deaths: 3 },
    });
    tracker.fine('c1');
    expect(tracker.died('c1', 4_000, 1, 'k4')).toBeUndefined();
    // Each start cancels the previous recovery: nothing closed yet.
    jest.advanceTimersByTime(30_000);
    expect(recovered).toEqual([]);
  });

  it('does not count a normal exit (code 0) as an incident unless it loops', () => {
    expect(tracker.died('job', 1_000, 0, 'k1')).toBeUndefined();
    expect(tracker.died('job', 2_000, 0, 'k2')).toBeUndefined();
    // A loop says how many deaths made it (not "1 times in a row").
    expect(tracker.died('job', 3_000, 0, 'k3')).toMatchObject({
      type: 'opened',
      incident: { kind: 'restart-loop', deaths: 3 },
    });
    // Deaths outside the window are forgotten.
    expect(tracker.died('other', 0, 0, 'a')).toBeUndefined();
    expect(tracker.died('other', 700_000, 0, 'b')).toBeUndefined();
    expect(tracker.died('other', 1_400_000, 0, 'c')).toBeUndefined();
  });

  it('a loop opened after an incident closed counts the deaths that made it', () => {
    expect(tracker.died('c1', 1_000, 1, 'k1')?.type).toBe('opened');
    tracker.fine('c1');
    jest.advanceTimersByTime(60_000);
    expect(recovered).toHaveLength(1);
    expect(tracker.died('c1', 70_000, 1, 'k2')).toMatchObject({
      type: 'opened',
      incident: { kind: 'exited', deaths: 1 },
    });
    expect(tracker.died('c1', 80_000, 1, 'k3')).toMatchObject({
      type: 'escalated',
      incident: { kind: 'restart-loop', deaths: 3 },
    });
  });

  it('opens an unhealthy incident; a death during it is the same incident', () => {
    expect(tracker.unhealthy('c1', 'u1')).toMatchObject({
      type: 'opened',
      incident: { key: 'u1', kind: 'unhealthy' },
    });
    expect(tracker.unhealthy('c1', 'u2')).toBeUndefined();
    expect(tracker.died('c1', 5_000, 1, 'd1')).toBeUndefined();
    tracker.fine('c1');
    tracker.unhealthy('c1', 'u3'); // relapse cancels the recovery
    jest.advanceTimersByTime(120_000);
    expect(recovered).toEqual([]);
    tracker.fine('c1');
    jest.advanceTimersByTime(60_000);
    expect(recovered.map(([, i]) => i.key)).toEqual(['u1']);
  });

  it('forgets an incident the portal ended by stopping the container', () => {
    tracker.died('c1', 1_000, 1, 'k1');
    tracker.fine('c1');
    tracker.stoppedByPortal('c1');
    jest.advanceTimersByTime(120_000);
    expect(recovered).toEqual([]);
    expect(tracker.openIncident('c1')).toBeUndefined();
  });
});

describe('IncidentTracker memory', () => {
  const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const heapUsed = () => {
    (global as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('forgets 10,000 containers once their incidents are over or they went quiet', () => {
    const recovered: string[] = [];
    const tracker = new IncidentTracker({
      quietMs: 60_000,
      loopDeaths: 3,
      loopWindowMs: 600_000,
      onRecovered: container => recovered.push(container),
    });
    const before = heapUsed();
    let t = Date.now();
    for (let i = 0; i < 10_000; i++) {
      // Half die with an error and come back; half end normally (code 0).
      const code = i % 2;
      tracker.died(`host/c${i}`, t++, code, `k${i}`);
      if (code) tracker.fine(`host/c${i}`);
    }
    const peak = heapUsed();
    expect(tracker.size).toBe(10_000);
    jest.advanceTimersByTime(60_000);
    expect(recovered).toHaveLength(5_000);
    // A loop window later, the next event finds them all quiet.
    jest.advanceTimersByTime(600_000);
    t += 660_000;
    tracker.died('host/late', t, 1, 'late');
    expect(tracker.size).toBe(1);
    const after = heapUsed();
    // eslint-disable-next-line no-console
    console.log(
      `IncidentTracker, 10,000 containers: heap used ${MiB(
        before,
      )} before, ${MiB(peak)} while they were tracked, ${MiB(
        after,
      )} after they were forgotten (size ${tracker.size})`,
    );
    tracker.stop();
  });

  it('remembers at most maxContainers, forgetting the least recently heard of first', () => {
    const forgotten: string[] = [];
    const tracker = new IncidentTracker({
      quietMs: 60_000,
      loopDeaths: 3,
      loopWindowMs: 600_000,
      onRecovered: () => {},
      onForgotten: container => forgotten.push(container),
    });
    for (let i = 0; i < 10_000; i++) tracker.died(`c${i}`, i, 1, `k${i}`);
    // Heard of again: no longer the oldest.
    expect(tracker.unhealthy('c0', 'u0')).toBeUndefined();
    for (let i = 10_000; i < 15_000; i++) {
      tracker.died(`c${i}`, i, 1, `k${i}`);
    }
    expect(tracker.size).toBe(10_000);
    expect(tracker.openIncident('c0')).toMatchObject({ key: 'k0' });
    expect(tracker.openIncident('c1')).toBeUndefined();
    expect(tracker.openIncident('c5000')).toBeUndefined();
    expect(tracker.openIncident('c5001')).toMatchObject({ key: 'k5001' });
    expect(tracker.openIncident('c14999')).toMatchObject({ key: 'k14999' });
    expect(forgotten).toHaveLength(5_000);
    expect(forgotten.slice(0, 2)).toEqual(['c1', 'c2']);
    tracker.stop();
  });

  it('forgets an open incident nothing was heard of for forgetIncidentAfterMs', () => {
    const forgotten: string[] = [];
    const tracker = new IncidentTracker({
      quietMs: 60_000,
      loopDeaths: 3,
      loopWindowMs: 600_000,
      forgetIncidentAfterMs: 3_600_000,
      onRecovered: () => {},
      onForgotten: container => forgotten.push(container),
    });
    tracker.died('removed', Date.now(), 137, 'k1');
    jest.advanceTimersByTime(3_000_000);
    tracker.died('other', Date.now(), 1, 'k2');
    expect(tracker.openIncident('removed')).toBeDefined();
    jest.advanceTimersByTime(600_000);
    tracker.unhealthy('third', 'u1');
    expect(tracker.openIncident('removed')).toBeUndefined();
    expect(forgotten).toEqual(['removed']);
    expect(tracker.size).toBe(2);
    tracker.stop();
  });

  it('never tells a forgotten container as recovered', () => {
    const recovered: string[] = [];
    const tracker = new IncidentTracker({
      quietMs: 60_000,
      loopDeaths: 3,
      loopWindowMs: 600_000,
      maxContainers: 1,
      onRecovered: container => recovered.push(container),
    });
    tracker.died('a', 1, 1, 'ka');
    tracker.fine('a');
    tracker.died('b', 2, 1, 'kb');
    jest.advanceTimersByTime(60_000);
    expect(recovered).toEqual([]);
    expect(tracker.size).toBe(1);
    tracker.stop();
  });
});
