import { PassThrough } from 'node:stream';
import { waitFor } from '../__testUtils__/eventually';
import { followWhileBound } from './followWhileBound';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    text += chunk.toString();
  }
  return text;
}

describe('followWhileBound', () => {
  it('ends cleanly, after the lines read, once the service is no longer bound; Docker’s stream is closed', async () => {
    const docker = new PassThrough();
    let bound = true;
    const reasons: string[] = [];
    const followed = followWhileBound(docker, {
      stillBound: async () => (bound ? undefined : 'bound elsewhere now'),
      onUnbound: reason => reasons.push(reason),
      everyMs: 10,
    });
    const text = readAll(followed);
    docker.write('one\n');
    await new Promise(r => setTimeout(r, 50));
    bound = false;
    // Docker keeps sending: only the binding ends it.
    const chatter = setInterval(() => docker.write('more\n'), 5);
    const read = await text.finally(() => clearInterval(chatter));
    expect(read.startsWith('one\n')).toBe(true);
    expect(reasons).toEqual(['bound elsewhere now']);
    expect(docker.destroyed).toBe(true);
  });

  it('goes on while the binding cannot be told (Docker did not answer)', async () => {
    const docker = new PassThrough();
    let asked = 0;
    const followed = followWhileBound(docker, {
      stillBound: async () => {
        asked++;
        throw new Error('Docker did not answer');
      },
      onUnbound: () => {
        throw new Error('not unbound');
      },
      everyMs: 5,
    });
    const text = readAll(followed);
    // Asked again and again without ending it (polled: a busy machine's
    // timers run late).
    await waitFor(() => asked > 2, 5_000);
    expect(asked).toBeGreaterThan(2);
    docker.end('last\n');
    expect(await text).toBe('last\n');
  });

  it('passes Docker’s end and errors through, and stops asking', async () => {
    let asked = 0;
    const stillBound = async () => {
      asked++;
      return undefined;
    };
    const ended = new PassThrough();
    const done = readAll(
      followWhileBound(ended, { stillBound, onUnbound: () => {}, everyMs: 5 }),
    );
    ended.end('bye\n');
    expect(await done).toBe('bye\n');

    const broken = new PassThrough();
    const failed = readAll(
      followWhileBound(broken, { stillBound, onUnbound: () => {}, everyMs: 5 }),
    );
    broken.destroy(new Error('socket hang up'));
    await expect(failed).rejects.toThrow('socket hang up');
    const after = asked;
    await new Promise(r => setTimeout(r, 30));
    expect(asked).toBe(after);
  });

  it('closes Docker’s stream when the reader goes away', async () => {
    const docker = new PassThrough();
    const followed = followWhileBound(docker, {
      stillBound: async () => undefined,
      onUnbound: () => {},
      everyMs: 5,
    }) as PassThrough;
    followed.destroy();
    await new Promise(r => setImmediate(r));
    expect(docker.destroyed).toBe(true);
  });
});
