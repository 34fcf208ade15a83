import { EngineContainer } from '../docker/DockerHost';
import { HostIndex } from './HostIndex';

const SHOP = 'component:default/shop';
const BILLING = 'component:default/billing';

function entry(id: string, labels: Record<string, string>) {
  const listed: EngineContainer = {
    Id: id,
    Names: [`/${id}`],
    Image: 'busybox',
    State: 'running',
    Status: 'Up 1 second',
    Created: 0,
    Ports: [],
    Labels: labels,
  };
  return { listed };
}

function setUp() {
  const index = new HostIndex({
    claimsOf: labels =>
      labels['docker-services.entity']
        ? [labels['docker-services.entity']]
        : [],
  });
  const claimed = (ref: string) =>
    index
      .claimedBy(ref)
      .map(c => c.listed.Id)
      .sort();
  return { index, claimed };
}

describe('HostIndex by entity', () => {
  it('finds an entity’s containers as they are put, changed and removed', () => {
    const { index, claimed } = setUp();
    index.put(entry('a', { 'docker-services.entity': SHOP }), index.tick());
    index.put(entry('b', { 'docker-services.entity': SHOP }), index.tick());
    expect(claimed(SHOP)).toEqual(['a', 'b']);

    index.put(entry('b', { 'docker-services.entity': BILLING }), index.tick());
    expect(claimed(SHOP)).toEqual(['a']);
    expect(claimed(BILLING)).toEqual(['b']);

    index.remove('a', index.tick());
    expect(claimed(SHOP)).toEqual([]);
  });

  it('drops what a reconcile no longer lists from the entity lookup', () => {
    const { index, claimed } = setUp();
    index.put(entry('a', { 'docker-services.entity': SHOP }), index.tick());
    index.put(entry('b', { 'docker-services.entity': SHOP }), index.tick());
    index.put(entry('stray', { other: 'x' }), index.tick());

    index.keepOnly(new Set(['b']), index.tick());

    expect(claimed(SHOP)).toEqual(['b']);
    expect(index.unclaimed()).toEqual([]);
  });

  it('keeps the lookup as the entries when an older observation comes late', () => {
    const { index, claimed } = setUp();
    const older = index.tick();
    index.put(entry('a', { 'docker-services.entity': SHOP }), index.tick());
    // A list begun before the put, answering with other labels, is not taken.
    index.put(entry('a', { 'docker-services.entity': BILLING }), older);
    index.remove('a', older);

    expect(claimed(SHOP)).toEqual(['a']);
    expect(claimed(BILLING)).toEqual([]);
  });

  it('returns the entries as readers see them, with their inspect', () => {
    const { index } = setUp();
    index.put(entry('a', { 'docker-services.entity': SHOP }), index.tick());

    expect(index.claimedBy(SHOP)).toEqual([index.get('a')]);
    expect(index.view().containers).toEqual(index.claimedBy(SHOP));
  });
});

describe('HostIndex version', () => {
  it('moves on with every write and removal, and not with what changes nothing', () => {
    const { index } = setUp();
    const start = index.version;
    index.put(entry('a', { 'docker-services.entity': SHOP }), index.tick());
    const afterPut = index.version;
    expect(afterPut).toBeGreaterThan(start);

    // An observation older than the entry's, and a removal of what is not there.
    index.put(entry('a', { 'docker-services.entity': BILLING }), 0);
    index.remove('missing', index.tick());
    index.view();
    expect(index.version).toBe(afterPut);

    index.remove('a', index.tick());
    expect(index.version).toBeGreaterThan(afterPut);
  });
});
