import { ServiceLogLines } from './ServiceLogLines';
import { nodeDirectory } from './toServiceSummary';

const NODE = 'n1n1n1n1n1n1n1n1n1n1n1n1n';
const TASK = 't1t1t1t1t1t1t1t1t1t1t1t1t';

const lines = new ServiceLogLines({
  tasks: [
    {
      ID: TASK,
      ServiceID: 's',
      Slot: 3,
      NodeID: NODE,
      DesiredState: 'running',
      CreatedAt: '',
      UpdatedAt: '',
      Status: { State: 'running', Timestamp: '' },
    },
  ],
  nodes: nodeDirectory([
    {
      ID: NODE,
      Description: { Hostname: 'node-1' },
      Status: { State: 'ready' },
    },
  ]),
});

describe('ServiceLogLines', () => {
  it("takes Docker's details off the line and names the task's slot and node", () => {
    expect(
      lines.map({
        stream: 'stdout',
        line: `com.docker.swarm.node.id=${NODE},com.docker.swarm.service.id=s,com.docker.swarm.task.id=${TASK} hello = world, again`,
      }),
    ).toEqual({
      stream: 'stdout',
      line: 'hello = world, again',
      task: { id: TASK, slot: 3, node: 'node-1' },
    });
  });

  it('names a task started since by its id, and leaves other lines alone', () => {
    const later = 'x'.repeat(25);
    expect(
      lines.map({
        stream: 'stderr',
        time: '2026-11-28T12:00:00Z',
        line: `com.docker.swarm.node.id=${NODE},com.docker.swarm.task.id=${later} boom`,
      }),
    ).toEqual({
      stream: 'stderr',
      time: '2026-11-28T12:00:00Z',
      line: 'boom',
      task: { id: later, node: 'node-1' },
    });
    expect(lines.map({ stream: 'stdout', line: 'a=b plain' })).toEqual({
      stream: 'stdout',
      line: 'a=b plain',
    });
  });
});
