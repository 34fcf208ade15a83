import { SwarmTaskSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { serviceWith } from '../__testUtils__/swarmFixtures';
import { taskGroups } from './taskGroups';
import { taskDockerTerms, taskLine } from './taskWords';
import { updateProgress } from './updateProgress';

// A rolling restart of a 3-replica service on one node, "vm", as Docker
// lists it halfway: replica 1 replaced, replica 3's old task stopping while
// its new one waits, replica 2 not reached yet.
const STARTED = '2026-12-01T10:00:00Z';
const before = '2026-12-01T09:00:00Z';
const after = (s: number) => `2026-12-01T10:00:${String(s).padStart(2, '0')}Z`;

let made = 0;
function task(over: Partial<SwarmTaskSummary>): SwarmTaskSummary {
  return {
    id: `task-${++made}`,
    slot: 1,
    nodeName: 'vm',
    nodeReady: true,
    state: 'running',
    desiredState: 'running',
    explanation: 'running on vm for 3 minutes',
    updatedAt: after(30),
    createdAt: before,
    ...over,
  };
}

const old3 = task({
  slot: 3,
  desiredState: 'shutdown',
  explanation: 'stopping on vm (being replaced or scaled down)',
  dockerMessage: 'started',
  exitCode: -1,
});
const new3 = task({
  slot: 3,
  state: 'ready',
  explanation: 'starting on vm',
  createdAt: after(20),
});
const rolling = serviceWith({
  desiredTasks: 3,
  update: { state: 'updating', explanation: 'x', startedAt: STARTED },
  tasks: [
    task({ slot: 1, createdAt: after(5) }),
    task({ slot: 2 }),
    old3,
    new3,
  ],
});

describe('a task line', () => {
  it('says the state once: never "Running — running on vm"', () => {
    expect(taskLine(task({}))).toBe('Running on vm for 3 minutes');
  });

  it('says the state Docker wants when it differs, with why, and never "Running" beside a stop', () => {
    expect(taskLine(old3, 'update')).toBe(
      'Stopping on vm (replaced by the update)',
    );
    expect(taskLine(old3, 'scale down')).toBe(
      'Stopping on vm (the service was scaled down)',
    );
    expect(taskLine(old3)).toBe('Stopping on vm (Docker asked it to stop)');
    // Wanted running: the reason given does not apply.
    expect(taskLine(task({}), 'update')).toBe('Running on vm for 3 minutes');
    // On a node that is down, the node is what to say.
    expect(
      taskLine({ ...old3, nodeReady: false, explanation: 'vm is down: …' }),
    ).toBe('Vm is down: …');
  });

  it("shows Docker's exit code only once the task ended, never a stopping task's -1", () => {
    expect(taskDockerTerms(old3)).toBe('Docker: started');
    expect(
      taskDockerTerms({
        ...old3,
        state: 'failed',
        exitCode: 1,
        dockerMessage: 'non-zero exit (1)',
      }),
    ).toBe('Docker: non-zero exit (1) (exit code 1)');
    expect(taskDockerTerms(task({}))).toBeUndefined();
  });
});

describe('taskGroups', () => {
  it('names each replica once: the new task replacing, the old one under it', () => {
    const groups = taskGroups(rolling);
    expect(groups.map(g => g.name)).toEqual([
      'Replica 1',
      'Replica 2',
      'Replica 3',
    ]);
    expect(groups[2].current).toEqual({
      task: new3,
      line: 'Starting on vm, replacing an older task',
    });
    expect(groups[2].older).toEqual([
      { task: old3, line: 'Stopping on vm (replaced by the update)' },
    ]);
    expect(groups[0].older).toEqual([]);
  });

  it('says "replacing" only while the older task has not ended, and "replaced by a newer task" outside an update', () => {
    const ended = { ...old3, state: 'shutdown' as const };
    const [group] = taskGroups(
      serviceWith({ update: undefined, tasks: [ended, new3] }),
    );
    expect(group.current.line).toBe('Starting on vm');
    expect(group.older[0].line).toBe(
      'Stopped on vm (replaced by a newer task)',
    );
  });

  it('says a task beyond the replicas asked for is stopped by a scale-down', () => {
    const [, group] = taskGroups(
      serviceWith({
        desiredTasks: 1,
        update: undefined,
        tasks: [task({ slot: 1 }), { ...old3, slot: 2 }],
      }),
    );
    expect(group.current.line).toBe(
      'Stopping on vm (the service was scaled down)',
    );
  });

  it("groups a global service's tasks by node", () => {
    const groups = taskGroups(
      serviceWith({
        mode: 'global',
        update: undefined,
        tasks: [
          task({ slot: undefined, nodeId: 'b', nodeName: 'node-b' }),
          task({ slot: undefined, nodeId: 'a', nodeName: 'node-a' }),
        ],
      }),
    );
    expect(groups.map(g => g.name)).toEqual(['On node-a', 'On node-b']);
  });
});

describe('updateProgress', () => {
  it('counts the replicas done and in hand while Docker says it updates', () => {
    // Replica 1 done; replica 3 in hand; replica 2 not reached.
    expect(updateProgress(rolling)).toBe('Updating 2 of 3 tasks… (1 done)');
  });

  it('says nothing once Docker says the update ended, whatever the tasks', () => {
    expect(
      updateProgress({
        ...rolling,
        update: { state: 'completed', explanation: 'x', startedAt: STARTED },
      }),
    ).toBeUndefined();
    expect(updateProgress({ ...rolling, update: undefined })).toBeUndefined();
  });

  it('counts no task made before the update started as done', () => {
    expect(
      updateProgress({
        ...rolling,
        tasks: [task({ slot: 1 }), task({ slot: 2 }), task({ slot: 3 })],
      }),
    ).toBe('Updating 1 of 3 tasks…');
  });

  it('says when every replica is new and running but Docker still watches', () => {
    expect(
      updateProgress({
        ...rolling,
        tasks: [1, 2, 3].map(slot => task({ slot, createdAt: after(slot) })),
      }),
    ).toBe(
      'Updated 3 of 3 tasks; Docker watches them a moment before it calls the update complete',
    );
  });

  it('words a roll-back as such, and makes no count up without the times', () => {
    expect(
      updateProgress({
        ...rolling,
        update: { ...rolling.update!, state: 'rollback_started' },
      }),
    ).toBe('Rolling back 2 of 3 tasks… (1 done)');
    expect(
      updateProgress({
        ...rolling,
        tasks: rolling.tasks.map(({ createdAt: _c, ...t }) => t),
      }),
    ).toBe('Updating its tasks…');
  });
});
