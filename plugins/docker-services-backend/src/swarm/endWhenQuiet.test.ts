import { PassThrough } from 'node:stream';
import { endWhenQuiet } from './endWhenQuiet';

async function read(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    text += chunk.toString();
  }
  return text;
}

describe('endWhenQuiet', () => {
  it('ends a log that Docker leaves open after its lines, and says so', async () => {
    const docker = new PassThrough();
    const quiet = jest.fn();
    const out = endWhenQuiet(docker, { quietMs: 50, onQuiet: quiet });
    docker.write('line 1\n');
    setTimeout(() => docker.write('line 2\n'), 30);
    expect(await read(out)).toBe('line 1\nline 2\n');
    expect(quiet).toHaveBeenCalledTimes(1);
    expect(docker.destroyed).toBe(true);
  });

  it('passes a log that Docker ends by itself, and says nothing', async () => {
    const docker = new PassThrough();
    const quiet = jest.fn();
    const out = endWhenQuiet(docker, { quietMs: 50, onQuiet: quiet });
    docker.write('all\n');
    docker.end('of it\n');
    expect(await read(out)).toBe('all\nof it\n');
    await new Promise(resolve => setTimeout(resolve, 80));
    expect(quiet).not.toHaveBeenCalled();
  });

  it("passes Docker's error on", async () => {
    const docker = new PassThrough();
    const out = endWhenQuiet(docker, { quietMs: 50, onQuiet: jest.fn() });
    setTimeout(() => docker.destroy(new Error('socket hang up')), 10);
    await expect(read(out)).rejects.toThrow('socket hang up');
  });
});
