import { announceChanges } from './announceChanges';
import { containerWith, responseWith } from './__testUtils__/servicesFixtures';

const now = new Date('2026-01-01T12:00:00Z');
const running = containerWith({
  name: 'shop-web-1',
  state: 'running',
  health: 'healthy',
  startedAt: '2026-01-01T09:00:00Z',
});
const ok = (...containers: (typeof running)[]) =>
  responseWith({ name: 'local', status: 'ok', containers });

describe('announceChanges', () => {
  it('tells a state or health change in words', () => {
    const stopped = {
      ...running,
      state: 'exited' as const,
      health: undefined,
      exitCode: 137,
      finishedAt: '2026-01-01T11:59:00Z',
    };
    expect(announceChanges(ok(running), ok(stopped), now)).toEqual([
      expect.stringMatching(/^shop-web-1: Exited 1 minute ago with code 137/),
    ]);
    const unhealthy = { ...running, health: 'unhealthy' as const };
    expect(announceChanges(ok(running), ok(unhealthy), now)).toEqual([
      'shop-web-1: Running for 3 hours, failing its health check',
    ]);
  });

  it('says nothing when only the time since the start moved (a restart is told by its result)', () => {
    const restarted = { ...running, startedAt: '2026-01-01T11:59:59Z' };
    expect(announceChanges(ok(running), ok(restarted), now)).toEqual([]);
  });

  it('tells containers that come and go, and hosts that stop answering', () => {
    const other = { ...running, id: 'b'.repeat(64), name: 'shop-web-2' };
    expect(announceChanges(ok(running), ok(running, other), now)).toEqual([
      expect.stringMatching(/^shop-web-2 appeared: Running/),
    ]);
    expect(announceChanges(ok(running, other), ok(running), now)).toEqual([
      'shop-web-2 is no longer listed.',
    ]);
    const down = responseWith({
      name: 'local',
      status: 'unavailable',
      error: 'The engine did not answer.',
    });
    expect(announceChanges(ok(running), down, now)).toEqual([
      'Host local is unavailable.',
    ]);
    expect(announceChanges(down, ok(running), now)).toEqual([
      'Host local answers again.',
      expect.stringMatching(/^shop-web-1 appeared/),
    ]);
  });
});
