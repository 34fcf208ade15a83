import { keepMatchingLines, logFileName } from './logDownload';

describe('logFileName', () => {
  it('names the file after whose log it is and the time it covers, to the minute in UTC', () => {
    expect(
      logFileName({
        base: 'demo-shop-web-2',
        from: '2026-12-05T10:00:12.123456789Z',
        to: '2026-12-05T11:00:59Z',
      }),
    ).toBe('demo-shop-web-2_2026-12-05T10-00_to_2026-12-05T11-00.log');
    expect(
      logFileName({
        base: 'report 1/run 7',
        from: '2026-12-05T12:30:00+01:00',
        to: '2026-12-05T11:45:00Z',
      }),
    ).toBe('report_1_run_7_2026-12-05T11-30_to_2026-12-05T11-45.log');
  });

  it('says only when it ends when its start is not known', () => {
    expect(logFileName({ base: 'w', to: '2026-12-05T11:00:00Z' })).toBe(
      'w_until_2026-12-05T11-00.log',
    );
  });
});

describe('keepMatchingLines', () => {
  it("keeps the lines that contain the search, ignoring case, as LogViewer's search finds them", () => {
    const text = 'GET /a 200\nERROR db down\nGET /b 500\nerror again\n';
    expect(keepMatchingLines(text, 'Error')).toBe(
      'ERROR db down\nerror again\n',
    );
    expect(keepMatchingLines(text, 'nothing')).toBe('');
    expect(keepMatchingLines(text, '')).toBe(text);
  });
});
