import { EngineService, EngineTask } from '../docker/DockerHost';
import { nodeDirectory, toServiceSummary } from './toServiceSummary';

const service: EngineService = {
  ID: 's'.repeat(25),
  Version: { Index: 7 },
  CreatedAt: '2026-11-28T10:00:00Z',
  UpdatedAt: '2026-11-28T11:00:00Z',
  Spec: {
    Name: 'shop-web',
    Labels: { 'docker-services.entity': 'component:default/shop', secret: 'x' },
    TaskTemplate: {
      ContainerSpec: { Image: 'shop/web:1@sha256:abc123' },
    },
    Mode: { Replicated: { Replicas: 3 } },
  },
  UpdateStatus: { State: 'updating', StartedAt: '2026-11-28T11:00:00Z' },
};

let n = 0;
const task = (over: Partial<EngineTask> & { state: string }): EngineTask => ({
  ID: `t${String(++n).padStart(24, '0')}`,
  ServiceID: service.ID,
  DesiredState: 'running',
  CreatedAt: `2026-11-28T11:00:0${n}Z`,
  UpdatedAt: '2026-11-28T11:00:00Z',
  ...over,
  Status: { State: over.state, Timestamp: '2026-11-28T11:00:00Z' },
});

describe('toServiceSummary', () => {
  it('shows current tasks per node in words, and nothing of the spec but named fields', () => {
    const nodes = nodeDirectory([
      {
        ID: 'a',
        Description: { Hostname: 'node-1' },
        Status: { State: 'ready' },
      },
      {
        ID: 'b',
        Description: { Hostname: 'node-2' },
        Status: { State: 'down' },
      },
    ]);
    const summary = toServiceSummary({
      host: 'swarm',
      service,
      nodes,
      limits: { maxReplicas: 10, allowScaleToZero: false },
      now: Date.parse('2026-11-28T11:05:00Z'),
      tasks: [
        // Slot 1's older attempt, ended: not shown.
        task({
          Slot: 1,
          NodeID: 'a',
          state: 'shutdown',
          DesiredState: 'shutdown',
        }),
        task({ Slot: 1, NodeID: 'a', state: 'running' }),
        task({ Slot: 2, NodeID: 'b', state: 'running' }),
        task({ Slot: 3, NodeID: 'a', state: 'starting' }),
      ],
    });
    expect(summary).toMatchObject({
      name: 'shop-web',
      image: 'shop/web:1',
      mode: 'replicated',
      desiredTasks: 3,
      runningTasks: 1,
      summary:
        '1 of 3 running, 1 on node-2, which is down, 1 starting on node-1',
      update: { state: 'updating' },
      scaleLimits: { min: 1, max: 10 },
    });
    expect(summary.tasks.map(t => [t.slot, t.nodeName, t.explanation])).toEqual(
      [
        [1, 'node-1', 'running on node-1 for 5 minutes'],
        [2, 'node-2', expect.stringMatching(/^node-2 is down/)],
        [3, 'node-1', 'starting on node-1'],
      ],
    );
    // When Swarm made each task, by the manager's clock as the update's
    // start: what tells an update's new tasks from the old ones.
    expect(summary.tasks[0].createdAt).toBe('2026-11-28T11:00:02Z');
    expect(JSON.stringify(summary)).not.toMatch(/secret|Labels|Spec/);
  });

  it('tells nodes that share a hostname apart', () => {
    const nodes = nodeDirectory([
      {
        ID: 'aaaaaa1',
        Description: { Hostname: 'box' },
        Status: { State: 'ready' },
      },
      {
        ID: 'bbbbbb2',
        Description: { Hostname: 'box' },
        Status: { State: 'ready' },
      },
    ]);
    expect([...nodes.values()].map(v => v.name)).toEqual([
      'box (aaaaaa)',
      'box (bbbbbb)',
    ]);
  });
});
