import {
  hasContainerSelector,
  InvalidSelectorError,
  parseContainerSelector,
  toLabelFilters,
} from './selector';

describe('parseContainerSelector', () => {
  it('reads a label selector into label pairs', () => {
    const selector = parseContainerSelector({
      'docker-services/label-selector': 'app=shop, tier=web',
    });
    expect(selector).toEqual({ labels: { app: 'shop', tier: 'web' } });
    expect(toLabelFilters(selector)).toEqual(['app=shop', 'tier=web']);
  });

  it('expands the compose shorthand to the labels Compose sets', () => {
    expect(
      parseContainerSelector({ 'docker-services/compose': 'shop/web' }),
    ).toEqual({
      labels: {
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
      },
    });
    expect(
      parseContainerSelector({ 'docker-services/compose': 'shop' }).labels,
    ).toEqual({ 'com.docker.compose.project': 'shop' });
  });

  it('combines both annotations, and refuses contradictions', () => {
    expect(
      parseContainerSelector({
        'docker-services/compose': 'shop',
        'docker-services/label-selector': 'tier=web',
      }).labels,
    ).toEqual({ 'com.docker.compose.project': 'shop', tier: 'web' });
    expect(() =>
      parseContainerSelector({
        'docker-services/compose': 'shop',
        'docker-services/label-selector': 'com.docker.compose.project=other',
      }),
    ).toThrow(/both "other" and "shop"/);
  });

  it('reads the hosts annotation', () => {
    expect(
      parseContainerSelector({
        'docker-services/compose': 'shop',
        'docker-services/hosts': 'local, build-01,local',
      }).hosts,
    ).toEqual(['local', 'build-01']);
  });

  it.each([
    ['', /key=value pairs/],
    ['app', /key=value pairs/],
    ['app=', /key=value pairs/],
    ['=shop', /not a usable label key/],
    ['app=*', /not a usable label value/],
    ['app=sh op', /not a usable label value/],
    ['app=shop,', /key=value pairs/],
    ['a b=c', /not a usable label key/],
    ['app=x'.padEnd(2000, 'x'), /longer than 1024/],
    [
      'com.docker.compose.oneoff=False',
      /only labels Docker Compose puts on nearly every container/,
    ],
  ])('refuses the label selector %j', (value, message) => {
    expect(() =>
      parseContainerSelector({ 'docker-services/label-selector': value }),
    ).toThrow(message);
  });

  it.each(['', 'Shop', 'shop/', 'shop/web/x', '../etc', 'shop/*'])(
    'refuses the compose annotation %j',
    value => {
      expect(() =>
        parseContainerSelector({ 'docker-services/compose': value }),
      ).toThrow(InvalidSelectorError);
    },
  );

  it.each(['', 'local,', 'https://evil:2375', 'a b'])(
    'refuses the hosts annotation %j',
    value => {
      expect(() =>
        parseContainerSelector({
          'docker-services/compose': 'shop',
          'docker-services/hosts': value,
        }),
      ).toThrow(/docker-services\/hosts/);
    },
  );

  it('explains an entity without any selector', () => {
    expect(() => parseContainerSelector({})).toThrow(/neither/);
    expect(hasContainerSelector({})).toBe(false);
    expect(hasContainerSelector({ 'docker-services/compose': 'x' })).toBe(true);
  });
});
