import { ContainerBindings, AnnotatedEntity } from './ContainerBindings';

const SHOP = 'component:default/shop-web';
const LEGACY = 'component:default/legacy';
const CLAIMER = 'component:default/claimer';

function bindings(
  annotated: AnnotatedEntity[] = [],
  trustingHosts: string[] = [],
) {
  return ContainerBindings.create({
    rules: [
      {
        entityRef: LEGACY,
        labels: { 'com.docker.compose.project': 'old' },
        hosts: ['local'],
      },
    ],
    trustingHosts,
    annotatedEntities: async () => annotated,
  });
}

describe('ContainerBindings', () => {
  it('binds by the container label, case-insensitively', async () => {
    const b = bindings();
    const owners = await b.ownersOf('local', {
      'docker-services.entity': 'Component:default/Shop-Web',
    });
    expect(owners).toEqual([{ entityRef: SHOP, via: 'label' }]);
    expect(b.decide(SHOP, owners, 'local')).toEqual({ kind: 'bound' });
    expect(b.decide(CLAIMER, owners, 'local')).toEqual({ kind: 'not-bound' });
  });

  it('binds by an admin rule only on the hosts it names', async () => {
    const b = bindings();
    const labels = { 'com.docker.compose.project': 'old' };
    expect(await b.ownersOf('local', labels)).toEqual([
      { entityRef: LEGACY, via: 'rule' },
    ]);
    expect(await b.ownersOf('other', labels)).toEqual([]);
  });

  it('calls two owners a conflict, for both of them', async () => {
    const b = bindings();
    const owners = await b.ownersOf('local', {
      'com.docker.compose.project': 'old',
      'docker-services.entity': SHOP,
    });
    for (const ref of [SHOP, LEGACY]) {
      expect(b.decide(ref, owners, 'local')).toEqual({
        kind: 'conflict',
        conflict: {
          entityRefs: [LEGACY, SHOP],
          message: expect.stringContaining('so nobody can'),
        },
      });
    }
  });

  it('lets annotations bind only on trusting hosts, and only what nothing else binds', async () => {
    const annotated = [
      { entityRef: CLAIMER, selector: { labels: { app: 'shop' } } },
    ];
    const untrusting = bindings(annotated);
    expect(await untrusting.ownersOf('local', { app: 'shop' })).toEqual([]);

    const trusting = bindings(annotated, ['local']);
    expect(await trusting.ownersOf('local', { app: 'shop' })).toEqual([
      { entityRef: CLAIMER, via: 'annotation' },
    ]);
    expect(
      await trusting.ownersOf('local', {
        app: 'shop',
        'docker-services.entity': SHOP,
      }),
    ).toEqual([{ entityRef: SHOP, via: 'label' }]);
  });

  it('finds candidates by label, by rule and, where trusted, by annotation, always narrowed', () => {
    const selector = { labels: { 'com.docker.compose.project': 'old' } };
    expect(bindings().candidateFilters(LEGACY, selector, 'local')).toEqual([
      [`docker-services.entity=${LEGACY}`, 'com.docker.compose.project=old'],
      ['com.docker.compose.project=old'],
    ]);
    expect(
      bindings([], ['other']).candidateFilters(SHOP, selector, 'other'),
    ).toEqual([
      [`docker-services.entity=${SHOP}`, 'com.docker.compose.project=old'],
      ['com.docker.compose.project=old'],
    ]);
    // A rule that contradicts the annotation finds nothing, so it is not asked.
    expect(
      bindings().candidateFilters(
        LEGACY,
        { labels: { 'com.docker.compose.project': 'new' } },
        'local',
      ),
    ).toEqual([
      [`docker-services.entity=${LEGACY}`, 'com.docker.compose.project=new'],
    ]);
  });
});
