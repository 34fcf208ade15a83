import { mockServices } from '@backstage/backend-test-utils';
import { PassThrough } from 'node:stream';
import { DockerHost, EngineSwarmInfo } from '../docker/DockerHost';
import { waitFor } from '../__testUtils__/eventually';
import { SwarmEventWatcher } from './SwarmEventWatcher';
import { SwarmManagers } from './SwarmManagers';

const MANAGER = { LocalNodeState: 'active', ControlAvailable: true };
const INACTIVE = { LocalNodeState: 'inactive', ControlAvailable: false };

function fakeHost(name: string, info: EngineSwarmInfo) {
  const streams: PassThrough[] = [];
  const host = {
    name,
    swarmInfo: async () => info,
    swarmEvents: async (signal: AbortSignal) => {
      const stream = new PassThrough();
      signal.addEventListener('abort', () => stream.destroy(), { once: true });
      streams.push(stream);
      return stream;
    },
  } as unknown as DockerHost;
  return { host, streams };
}

describe('SwarmEventWatcher', () => {
  it("passes a burst of a manager's service and node events on once, and leaves other hosts alone", async () => {
    const manager = fakeHost('swarm', MANAGER);
    const plain = fakeHost('plain', INACTIVE);
    const changes: string[] = [];
    const watcher = new SwarmEventWatcher({
      hosts: [manager.host, plain.host],
      managers: new SwarmManagers(),
      onChange: async host => void changes.push(host.name),
      logger: mockServices.logger.mock(),
    });
    watcher.start();
    expect(await waitFor(() => manager.streams.length === 1, 5000)).toBe(true);
    const [stream] = manager.streams;
    stream.write('{"Type":"service","Action":"update","Actor":{"ID":"x"}}\n');
    stream.write('{"Type":"node","Action":"update"}\n{"Type":"service",');
    stream.write('"Action":"remove"}\nnot json\n');
    expect(await waitFor(() => changes.length === 1, 5000)).toBe(true);
    // Settled once; the follow-ups come seconds later.
    await new Promise(r => setTimeout(r, 700));
    expect(changes).toEqual(['swarm']);
    expect(plain.streams).toEqual([]);
    await watcher.stop();
  });

  it('stops at once, follow-ups and streams included', async () => {
    const manager = fakeHost('swarm', MANAGER);
    const changes: string[] = [];
    const watcher = new SwarmEventWatcher({
      hosts: [manager.host],
      managers: new SwarmManagers(),
      onChange: async host => void changes.push(host.name),
      logger: mockServices.logger.mock(),
    });
    watcher.start();
    expect(await waitFor(() => manager.streams.length === 1, 5000)).toBe(true);
    manager.streams[0].write('{"Type":"service","Action":"create"}\n');
    expect(await waitFor(() => changes.length === 1, 5000)).toBe(true);
    await watcher.stop();
    expect(manager.streams[0].destroyed).toBe(true);
  });
});
