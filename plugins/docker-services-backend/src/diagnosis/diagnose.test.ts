import {
  ContainerDetails,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { diagnose } from './diagnose';

const now = new Date('2026-11-28T12:00:00Z');

function details(overrides: Partial<ContainerDetails>): ContainerDetails {
  return {
    host: 'local',
    id: 'a'.repeat(64),
    name: 'shop-web-1',
    image: 'shop/web:1',
    state: 'exited',
    status: 'Exited (1) 2 minutes ago',
    createdAt: '2026-11-28T10:00:00Z',
    startedAt: '2026-11-28T11:50:00Z',
    finishedAt: '2026-11-28T11:58:00Z',
    exitCode: 1,
    oomKilled: false,
    restartCount: 0,
    ports: [],
    healthLog: [],
    ...overrides,
  };
}

const portalStop: HistoryEntry = {
  id: 7,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/alice',
  action: 'stop',
  host: 'local',
  containerId: 'a'.repeat(64),
  containerName: 'shop-web-1',
  reason: 'deploying',
  outcome: 'succeeded',
  changed: true,
  createdAt: '2026-11-28T11:57:59Z',
};

describe('diagnose', () => {
  it('says an exit outside the portal in words, then in Docker terms', () => {
    const result = diagnose({
      details: details({ exitCode: 139 }),
      lines: [{ stream: 'stderr', line: 'Segmentation fault' }],
      now,
    });
    expect(result.summary).toBe(
      'It stopped by itself or was stopped outside the portal: crashed (segmentation fault: it read or wrote memory it must not).',
    );
    expect(result.dockerTerms).toBe(
      'State: exited, ExitCode: 139 (128 + SIGSEGV), StartedAt: 2026-11-28T11:50:00Z, FinishedAt: 2026-11-28T11:58:00Z',
    );
    // Docker's own times, as it wrote them, for the page to say in words.
    expect(result).toMatchObject({
      startedAt: '2026-11-28T11:50:00Z',
      finishedAt: '2026-11-28T11:58:00Z',
    });
    expect(result.stoppedBy).toEqual({ kind: 'outside' });
    expect(result.linesUntil).toBe('2026-11-28T11:58:00Z');
    expect(result.lastLines).toHaveLength(1);
  });

  it('names the portal user who stopped it', () => {
    const result = diagnose({
      details: details({ exitCode: 143 }),
      portalStop,
      lines: [],
      now,
    });
    expect(result.stoppedBy).toEqual({
      kind: 'portal',
      actor: 'user:default/alice',
      action: 'stop',
      at: '2026-11-28T11:57:59Z',
      reason: 'deploying',
    });
    expect(result.summary).toBe(
      'It stopped: alice ran stop from the portal (reason: "deploying").',
    );
  });

  it('tells an OOM kill apart from a plain SIGKILL', () => {
    const oom = diagnose({
      details: details({ exitCode: 137, oomKilled: true }),
      lines: [],
      now,
    });
    expect(oom.summary).toContain('ran out of memory');
    expect(oom.dockerTerms).toContain('OOMKilled: true');
    const killed = diagnose({
      details: details({ exitCode: 137 }),
      lines: [],
      now,
    });
    expect(killed.summary).toContain('not out of memory');
  });

  it('calls frequent recent restarts a loop, and old ones not', () => {
    const looping = diagnose({
      details: details({
        state: 'running',
        exitCode: undefined,
        restartCount: 5,
        startedAt: '2026-11-28T11:59:30Z',
      }),
      lines: [],
      now,
    });
    expect(looping.restartLoop?.restartCount).toBe(5);
    expect(looping.summary).toContain('restart loop');
    const settled = diagnose({
      details: details({
        state: 'running',
        exitCode: undefined,
        restartCount: 5,
        startedAt: '2026-11-27T09:00:00Z',
      }),
      lines: [],
      now,
    });
    expect(settled.restartLoop).toBeUndefined();
    expect(settled.summary).toBe(
      'It is running; nothing is wrong that Docker knows of.',
    );
    // A run that has not ended has no end time, whatever Docker kept of an
    // earlier one.
    expect(settled.startedAt).toBe('2026-11-27T09:00:00Z');
    expect(settled).not.toHaveProperty('finishedAt');
  });

  it('gives the failing health check for an unhealthy container', () => {
    const result = diagnose({
      details: details({
        state: 'running',
        exitCode: undefined,
        health: 'unhealthy',
        healthLog: [
          {
            start: '2026-11-28T11:59:00Z',
            end: '2026-11-28T11:59:01Z',
            exitCode: 1,
            output: 'connection refused',
          },
        ],
      }),
      lines: [],
      now,
    });
    expect(result.summary).toBe(
      'It runs but fails its health check (the last check ended with code 1).',
    );
    expect(result.health?.checks[0].output).toBe('connection refused');
    expect(result.stoppedBy).toBeUndefined();
    expect(result.linesUntil).toBeUndefined();
  });

  it('never says a check fails when every listed check passed', () => {
    const passed = {
      start: '2026-11-28T11:57:00Z',
      end: '2026-11-28T11:57:01Z',
      exitCode: 0,
      output: 'ok',
    };
    // Docker marks a container unhealthy when it stops.
    const stopped = diagnose({
      details: details({ health: 'unhealthy', healthLog: [passed] }),
      lines: [],
      now,
    });
    expect(stopped.summary).not.toMatch(/health/);
    expect(stopped.health).toBeUndefined();
    // Running, still counted unhealthy, but the latest check passed.
    const running = diagnose({
      details: details({
        state: 'running',
        exitCode: undefined,
        health: 'unhealthy',
        healthLog: [passed],
      }),
      lines: [],
      now,
    });
    expect(running.summary).toBe(
      'Docker still counts it unhealthy after earlier failed checks, though its latest check passed; it turns healthy once Docker counts enough passes.',
    );
    expect(running.summary).not.toMatch(/fails its health check/);
  });
});
