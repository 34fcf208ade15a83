import {
  explainNoSuitableNode,
  explainSwarmTask,
  explainSwarmUpdate,
  isEndedSwarmTaskState,
  summarizeSwarmTasks,
  SwarmTaskFacts,
} from './swarmExplain';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const task = (facts: Partial<SwarmTaskFacts>): SwarmTaskFacts => ({
  state: 'running',
  desiredState: 'running',
  nodeName: 'node-1',
  nodeReady: true,
  updatedAt: '2026-11-28T11:57:00Z',
  ...facts,
});

describe('explainSwarmTask', () => {
  it('says where and for how long a task runs', () => {
    expect(explainSwarmTask(task({}), NOW)).toBe(
      'running on node-1 for 3 minutes',
    );
    expect(
      explainSwarmTask(task({ updatedAt: '2026-11-28T11:59:40Z' }), NOW),
    ).toBe('running on node-1 for less than a minute');
    expect(
      explainSwarmTask(task({ updatedAt: '2026-11-26T10:00:00Z' }), NOW),
    ).toBe('running on node-1 for 2 days');
  });

  it('explains a task no node can take', () => {
    expect(
      explainSwarmTask(
        task({
          state: 'pending',
          nodeName: undefined,
          error:
            'no suitable node (scheduling constraints not satisfied on 2 nodes)',
        }),
        NOW,
      ),
    ).toBe('no suitable node (a placement constraint no node meets)');
    expect(
      explainSwarmTask(
        task({ state: 'pending', nodeName: undefined, error: undefined }),
        NOW,
      ),
    ).toBe('waiting to be placed on a node');
  });

  it('names the node an image is missing on', () => {
    expect(
      explainSwarmTask(
        task({
          state: 'rejected',
          desiredState: 'shutdown',
          nodeName: 'node-2',
          error: 'No such image: demo/missing:latest',
        }),
        NOW,
      ),
    ).toBe('image not found on node-2 (demo/missing:latest)');
  });

  it('explains an exit code in words', () => {
    expect(
      explainSwarmTask(
        task({
          state: 'failed',
          desiredState: 'shutdown',
          error: 'task: non-zero exit (137)',
          exitCode: 137,
        }),
        NOW,
      ),
    ).toMatch(/^exited on node-1 with code 137: killed at once \(SIGKILL\)/);
  });

  it('says the node is down rather than trusting its last report', () => {
    expect(explainSwarmTask(task({ nodeReady: false }), NOW)).toMatch(
      /^node-1 is down: this replica's last known state there was running/,
    );
    expect(
      explainSwarmTask(
        task({ nodeReady: false, desiredState: 'shutdown' }),
        NOW,
      ),
    ).toMatch(
      /^node-1 is down: this replica was running there; Swarm replaces it/,
    );
  });

  it('describes starting, stopping and ended tasks', () => {
    expect(explainSwarmTask(task({ state: 'starting' }), NOW)).toBe(
      'starting on node-1',
    );
    expect(explainSwarmTask(task({ state: 'preparing' }), NOW)).toMatch(
      /^preparing on node-1/,
    );
    expect(explainSwarmTask(task({ desiredState: 'shutdown' }), NOW)).toBe(
      'stopping on node-1 (being replaced or scaled down)',
    );
    expect(
      explainSwarmTask(
        task({ state: 'shutdown', desiredState: 'shutdown' }),
        NOW,
      ),
    ).toBe('stopped on node-1 (replaced, scaled down or restarted)');
  });
});

describe('summarizeSwarmTasks', () => {
  it('counts running replicas against the desired number', () => {
    expect(summarizeSwarmTasks(3, [task({}), task({}), task({})])).toBe(
      '3 of 3 running',
    );
  });

  it('names what the others are doing, grouped', () => {
    expect(
      summarizeSwarmTasks(3, [
        task({}),
        task({}),
        task({ state: 'starting', nodeName: 'node-2' }),
      ]),
    ).toBe('2 of 3 running, 1 starting on node-2');
    expect(
      summarizeSwarmTasks(2, [
        task({ nodeName: 'node-2', nodeReady: false }),
        task({
          state: 'pending',
          nodeName: undefined,
          error: 'no suitable node (scheduling constraints not satisfied)',
        }),
      ]),
    ).toBe(
      '0 of 2 running, 1 on node-2, which is down, 1 cannot be placed: no suitable node (a placement constraint no node meets)',
    );
  });

  it('ignores tasks Docker no longer wants', () => {
    expect(
      summarizeSwarmTasks(1, [
        task({}),
        task({ state: 'shutdown', desiredState: 'shutdown' }),
      ]),
    ).toBe('1 of 1 running');
    expect(summarizeSwarmTasks(0, [])).toBe('scaled to 0: nothing runs');
  });
});

describe('explainNoSuitableNode', () => {
  it('leaves other errors alone', () => {
    expect(explainNoSuitableNode('No such image: x')).toBeUndefined();
    expect(
      explainNoSuitableNode(
        'no suitable node (insufficient resources on 2 nodes)',
      ),
    ).toBe('no suitable node (no node has enough free CPU or memory)');
  });
});

describe('explainSwarmUpdate', () => {
  it('says the state, with why it paused', () => {
    expect(explainSwarmUpdate('updating')).toMatch(/in progress/);
    expect(explainSwarmUpdate('paused', 'task abc failed')).toBe(
      'The rolling update paused: task abc failed',
    );
  });
});

describe('isEndedSwarmTaskState', () => {
  it('is true for the states a task does not leave', () => {
    expect(
      [
        'complete',
        'shutdown',
        'failed',
        'rejected',
        'remove',
        'orphaned',
      ].every(isEndedSwarmTaskState),
    ).toBe(true);
    expect(
      ['new', 'pending', 'running', 'bogus'].some(isEndedSwarmTaskState),
    ).toBe(false);
  });
});
