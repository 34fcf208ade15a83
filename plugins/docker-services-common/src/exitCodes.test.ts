import { explainExit } from './exitCodes';

describe('explainExit', () => {
  it.each([
    [0, 'finished normally'],
    [1, 'the program reported an error'],
    [2, 'wrong arguments'],
    [125, 'Docker itself could not run'],
    [126, 'could not be executed'],
    [127, 'not found in the image'],
    [139, 'segmentation fault'],
    [143, 'stopped on request (SIGTERM)'],
  ])('explains exit code %i in words', (code, words) => {
    expect(explainExit(code).meaning).toContain(words);
  });

  it('names the signal of codes 128 + n', () => {
    expect(explainExit(137, false)).toEqual({
      code: 137,
      signal: 'SIGKILL',
      oomKilled: false,
      meaning: expect.stringContaining('not out of memory'),
    });
    // Without inspecting it, nobody knows whether memory ran out.
    expect(explainExit(137).meaning).toBe(
      'killed at once (SIGKILL): out of memory, or after it ignored a stop request',
    );
    expect(explainExit(129)).toMatchObject({
      signal: 'SIGHUP',
      meaning: 'ended by SIGHUP',
    });
    expect(explainExit(150)).toMatchObject({ signal: 'signal 22' });
    expect(explainExit(3)).not.toHaveProperty('signal');
  });

  it('says out of memory when the OOM killer ended it, whatever the code', () => {
    expect(explainExit(137, true)).toMatchObject({
      signal: 'SIGKILL',
      oomKilled: true,
      meaning: expect.stringContaining('ran out of memory'),
    });
  });
});
