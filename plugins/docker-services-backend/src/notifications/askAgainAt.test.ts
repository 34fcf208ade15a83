import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { askAgainAt, withAskAgainAt } from './askAgainAt';

const row = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1,
  entityRef: 'component:default/shop-web',
  actor: 'user:default/bob',
  action: 'restart',
  host: 'local',
  containerId: 'a'.repeat(64),
  containerName: 'shop-web-1',
  outcome: 'asked',
  changed: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('askAgainAt', () => {
  it("says when an ask's asker may ask again, by the configured interval", () => {
    expect(askAgainAt(new Date('2026-12-01T10:00:00Z'), 90_000)).toBe(
      '2026-12-01T10:01:30.000Z',
    );
  });

  it('adds the time to asks only, leaving actions and paging as they were', () => {
    const page = withAskAgainAt(
      {
        items: [row({}), row({ id: 2, outcome: 'succeeded', changed: true })],
        nextBefore: 2,
      },
      20 * 60_000,
    );
    expect(page.items[0].askAgainAt).toBe('2026-12-01T10:20:00.000Z');
    expect(page.items[1]).not.toHaveProperty('askAgainAt');
    expect(page.nextBefore).toBe(2);
  });
});
