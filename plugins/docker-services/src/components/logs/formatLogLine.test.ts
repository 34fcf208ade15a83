import { formatLogLine, sanitizeLogText, taskLabel } from './formatLogLine';

const ESC = '\u001b';
const RESET = `${ESC}[39m${ESC}[49m${ESC}[22m${ESC}[23m${ESC}[24m`;

describe('sanitizeLogText', () => {
  it('keeps text and colours, spelling resets and combined codes out for LogViewer', () => {
    expect(
      sanitizeLogText(`plain ${ESC}[31mred${ESC}[0m <b>not html</b>`),
    ).toBe(`plain ${ESC}[31mred${RESET} <b>not html</b>${RESET}`);
    expect(
      sanitizeLogText(
        `${ESC}[1;32mok${ESC}[m ${ESC}[38;5;208morange${ESC}[38;2;1;2;3mrgb`,
      ),
    ).toBe(`${ESC}[1m${ESC}[32mok${RESET} orangergb${RESET}`);
  });

  it('drops escapes that move the cursor, erase, retitle or hyperlink', () => {
    expect(
      sanitizeLogText(
        `a${ESC}[2K${ESC}[1Ab${ESC}]0;title\u0007c${ESC}]8;;javascript:alert(1)${ESC}\\link${ESC}]8;;${ESC}\\d${ESC}Ee`,
      ),
    ).toBe('abclinkde');
  });

  it('drops carriage returns and other control characters, keeping tabs', () => {
    expect(
      sanitizeLogText('progress 10%\rprogress 100%\u0007\u0000\tdone'),
    ).toBe('progress 10%progress 100%\tdone');
  });

  it('breaks up links that are not http(s)', () => {
    expect(
      sanitizeLogText(
        'mail ops@example.com or mailto:ops@example.com, see https://x.io',
      ),
    ).toBe(
      'mail ops@\u2060example.com or mailto\u2060:ops@\u2060example.com, see https://x.io',
    );
    expect(sanitizeLogText('ftp://files.example.com javascript:alert(1)')).toBe(
      'ftp\u2060://files.example.com javascript:alert(1)',
    );
  });
});

describe('formatLogLine', () => {
  it('greys the time, marks stderr in grey, and marks cut lines', () => {
    expect(
      formatLogLine(
        {
          stream: 'stderr',
          time: '2026-01-01T00:00:00Z',
          line: 'oops',
          truncated: { keptBytes: 65536, totalBytes: 10 * 1024 * 1024 },
        },
        true,
      ),
    ).toBe(
      `${ESC}[90m2026-01-01T00:00:00Z${RESET} ${ESC}[90m[stderr]${RESET} oops ${ESC}[33m[…cut: the line has 10.0 MiB, the first 64 KiB are shown]${RESET}`,
    );
    expect(
      formatLogLine(
        { stream: 'stdout', time: '2026-01-01T00:00:00Z', line: 'ok' },
        false,
      ),
    ).toBe('ok');
  });

  it('colours a line by the level it names, not by its stream', () => {
    // A program that writes all it says to stderr: not red for that.
    expect(
      formatLogLine({ stream: 'stderr', line: 'listening on :8080' }, false),
    ).toBe(`${ESC}[90m[stderr]${RESET} listening on :8080`);
    expect(
      formatLogLine({ stream: 'stdout', line: 'ERROR db unreachable' }, false),
    ).toBe(`${ESC}[31mERROR db unreachable${RESET}`);
    expect(
      formatLogLine({ stream: 'stderr', line: 'level=fatal msg=bye' }, false),
    ).toBe(`${ESC}[90m[stderr]${RESET} ${ESC}[31mlevel=fatal msg=bye${RESET}`);
    expect(
      formatLogLine({ stream: 'stdout', line: '[warn] disk 91% full' }, false),
    ).toBe(`${ESC}[33m[warn] disk 91% full${RESET}`);
    // Words inside other words are no level; a line's own colours win.
    expect(
      formatLogLine({ stream: 'stdout', line: '0 errors, no warnings' }, false),
    ).toBe('0 errors, no warnings');
    expect(
      formatLogLine(
        { stream: 'stdout', line: `${ESC}[32mERROR${ESC}[0m in green` },
        false,
      ),
    ).toBe(`${ESC}[32mERROR${RESET} in green${RESET}`);
  });
});

describe('taskLabel', () => {
  it('names a task as Docker does: replica and node, or node alone for a global service', () => {
    expect(
      taskLabel('shop-api', { id: 'x'.repeat(25), slot: 2, node: 'node-2' }),
    ).toBe('shop-api.2@node-2');
    expect(taskLabel('agent', { id: 'x'.repeat(25), node: 'node-1' })).toBe(
      'agent@node-1',
    );
    expect(
      taskLabel('shop-api', { id: 'abcdef1234567890abcdefabc', slot: 3 }),
    ).toBe('shop-api.3');
    expect(taskLabel('agent', { id: 'abcdef1234567890abcdefabc' })).toBe(
      'agent.abcdef123456',
    );
  });
});

describe('formatLogLine of a service', () => {
  it('starts each line with its task and node, in cyan, no link made of it', () => {
    const task = { id: 'x'.repeat(25), slot: 2, node: 'node-2.example.com' };
    expect(
      formatLogLine(
        { stream: 'stdout', line: 'GET /orders 200', task },
        false,
        'shop-api',
      ),
    ).toBe(
      `${ESC}[36mshop-api.2@\u2060node-2.example.com${RESET} GET /orders 200`,
    );
    // A node without a domain makes no address: the prefix stays as typed,
    // so searching "2@vm" finds it (no hidden character inside).
    expect(
      formatLogLine(
        { stream: 'stdout', line: 'GET /', task: { ...task, node: 'vm' } },
        false,
        'shop-api',
      ),
    ).toBe(`${ESC}[36mshop-api.2@vm${RESET} GET /`);
    // A container's log has no task; without a service name none is shown.
    expect(formatLogLine({ stream: 'stdout', line: 'ok', task }, false)).toBe(
      'ok',
    );
  });
});
