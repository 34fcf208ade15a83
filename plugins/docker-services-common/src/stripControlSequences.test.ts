import { stripControlSequences } from './stripControlSequences';

const ESC = '\u001b';
const BEL = '\u0007';

describe('stripControlSequences', () => {
  it('leaves ordinary text, tabs and markup-like text alone', () => {
    const text = 'plain <b>not html</b>\ttabbed ✓ 日本語';
    expect(stripControlSequences(text, { keepColours: false })).toBe(text);
    expect(stripControlSequences(text, { keepColours: true })).toBe(text);
  });

  it('keeps colours unchanged when asked, drops them otherwise', () => {
    const text = `a ${ESC}[1;31mred${ESC}[0m ${ESC}[38;5;208morange${ESC}[m`;
    expect(stripControlSequences(text, { keepColours: true })).toBe(text);
    expect(stripControlSequences(text, { keepColours: false })).toBe(
      'a red orange',
    );
  });

  it('drops clipboard writes, titles and hyperlinks (OSC), with either terminator', () => {
    expect(
      stripControlSequences(
        `before${ESC}]52;c;ZXZpbA==${BEL}mid${ESC}]0;title${ESC}\\${ESC}]8;;javascript:alert(1)${ESC}\\link${ESC}]8;;${ESC}\\after`,
        { keepColours: true },
      ),
    ).toBe('beforemidlinkafter');
  });

  it('drops cursor moves, screen and line erases and two-character escapes', () => {
    expect(
      stripControlSequences(
        `${ESC}[2J${ESC}[Ha${ESC}[2K${ESC}[1Ab${ESC}[?25lc${ESC}Ed${ESC}7e${ESC}(Bf`,
        { keepColours: false },
      ),
    ).toBe('abcdef');
  });

  it('drops carriage returns, bells, NUL, DEL and C1 controls, keeping tabs', () => {
    expect(
      stripControlSequences(
        `progress 10%\rprogress 100%${BEL}\u0000\u007f\u009b\tdone`,
        { keepColours: false },
      ),
    ).toBe('progress 10%progress 100%\tdone');
  });

  it('drops device control strings and a stray ESC', () => {
    expect(
      stripControlSequences(`a${ESC}Pq#0;2;0;0;0${ESC}\\b${ESC}`, {
        keepColours: true,
      }),
    ).toBe('ab');
  });

  it('cannot be tricked into forming a colour out of removed pieces', () => {
    const out = stripControlSequences(`${ESC}${ESC}[31mx${ESC}[${ESC}[0m`, {
      keepColours: false,
    });
    expect(out).not.toContain(ESC);
    expect(out).toContain('x');
  });
});
