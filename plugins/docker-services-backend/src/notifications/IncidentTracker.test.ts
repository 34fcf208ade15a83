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
    expect(tracker.died('job', 3_000, 0, 'k3')).toMatchObject({
      type: 'opened',
      incident: { kind: 'restart-loop' },
    });
    // Deaths outside the window are forgotten.
    expect(tracker.died('other', 0, 0, 'a')).toBeUndefined();
    expect(tracker.died('other', 700_000, 0, 'b')).toBeUndefined();
    expect(tracker.died('other', 1_400_000, 0, 'c')).toBeUndefined();
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
