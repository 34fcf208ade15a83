import { EntityMap } from './EntityMap';

const SHOP = 'component:default/shop';
const BILLING = 'component:default/billing';

/** Claims as the bindings make them: the entity label, and a rule on `app=shop`. */
const claimsOf = (labels: Record<string, string>) => [
  ...(labels['docker-services.entity']
    ? [labels['docker-services.entity']]
    : []),
  ...(labels.app === 'shop' ? [SHOP] : []),
];

const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('EntityMap', () => {
  it('files a container under the entity its label or a rule claims it for', () => {
    const map = new EntityMap(claimsOf);
    map.set('a', { 'docker-services.entity': SHOP });
    map.set('b', { app: 'shop' });
    map.set('c', { 'docker-services.entity': BILLING });

    expect(ids(map.claimedBy(SHOP))).toEqual(['a', 'b']);
    expect(ids(map.claimedBy(BILLING))).toEqual(['c']);
    expect(ids(map.claimedBy('component:default/other'))).toEqual([]);
    expect(ids(map.unclaimed())).toEqual([]);
  });

  it('looks entity refs up whatever their case', () => {
    const map = new EntityMap(claimsOf);
    map.set('a', { 'docker-services.entity': 'Component:default/Shop' });

    expect(ids(map.claimedBy('component:default/SHOP'))).toEqual(['a']);
  });

  it('files a container in conflict under each entity that claims it', () => {
    const map = new EntityMap(claimsOf);
    map.set('contested', { 'docker-services.entity': BILLING, app: 'shop' });

    expect(ids(map.claimedBy(SHOP))).toEqual(['contested']);
    expect(ids(map.claimedBy(BILLING))).toEqual(['contested']);
  });

  it('moves a container whose labels changed, and keeps nothing under the old entity', () => {
    const map = new EntityMap(claimsOf);
    map.set('a', { 'docker-services.entity': SHOP });
    map.set('a', { 'docker-services.entity': BILLING });

    expect(ids(map.claimedBy(SHOP))).toEqual([]);
    expect(ids(map.claimedBy(BILLING))).toEqual(['a']);

    map.set('a', { other: 'x' });
    expect(ids(map.claimedBy(BILLING))).toEqual([]);
    expect(ids(map.unclaimed())).toEqual(['a']);
  });

  it('keeps containers nothing claims apart, for annotations to bind', () => {
    const map = new EntityMap(claimsOf);
    map.set('stray', { 'com.docker.compose.project': 'shop' });
    map.set('a', { 'docker-services.entity': SHOP });

    expect(ids(map.unclaimed())).toEqual(['stray']);
    expect(ids(map.claimedBy(SHOP))).toEqual(['a']);
  });

  it('forgets a removed container everywhere; removing an unknown one is harmless', () => {
    const map = new EntityMap(claimsOf);
    map.set('contested', { 'docker-services.entity': BILLING, app: 'shop' });
    map.set('stray', { other: 'x' });
    map.delete('contested');
    map.delete('stray');
    map.delete('never-seen');

    expect(ids(map.claimedBy(SHOP))).toEqual([]);
    expect(ids(map.claimedBy(BILLING))).toEqual([]);
    expect(ids(map.unclaimed())).toEqual([]);
  });
});
