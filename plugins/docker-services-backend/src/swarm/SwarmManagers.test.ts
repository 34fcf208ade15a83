import { DockerHost, EngineSwarmInfo } from '../docker/DockerHost';
import { SwarmManagers } from './SwarmManagers';

function host(answers: Array<EngineSwarmInfo | Error>) {
  const asked = { count: 0 };
  const fake = {
    name: 'h',
    swarmInfo: async () => {
      const next = answers[Math.min(asked.count++, answers.length - 1)];
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as DockerHost;
  return { fake, asked };
}

const MANAGER = { LocalNodeState: 'active', ControlAvailable: true };
const WORKER = { LocalNodeState: 'active', ControlAvailable: false };

describe('SwarmManagers', () => {
  it('remembers a role for a while, then asks again', async () => {
    let now = 0;
    const managers = new SwarmManagers({ ttlMs: 1000, now: () => now });
    const { fake, asked } = host([MANAGER, WORKER]);
    expect(await managers.roleOf(fake)).toEqual({ kind: 'manager' });
    expect(await managers.roleOf(fake)).toEqual({ kind: 'manager' });
    expect(asked.count).toBe(1);
    now = 1500;
    expect(await managers.roleOf(fake)).toEqual({ kind: 'not-manager' });
  });

  it('says whether a host that does not answer was a manager, and asks again next time', async () => {
    const managers = new SwarmManagers({ ttlMs: 60_000 });
    const { fake, asked } = host([MANAGER, new Error('down'), MANAGER]);
    await managers.roleOf(fake);
    managers.forget('h');
    expect(await managers.roleOf(fake)).toMatchObject({
      kind: 'unreachable',
      wasManager: true,
    });
    expect(await managers.roleOf(fake)).toEqual({ kind: 'manager' });
    expect(asked.count).toBe(3);
  });
});
