import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { unboundBecause } from './ServiceLogSource';

const of = (resolve: () => Promise<unknown>, inspect: () => Promise<unknown>) =>
  unboundBecause({
    resolve,
    inspect,
    name: 'shop-web',
    entityRef: 'component:default/shop',
    host: 'swarm',
  });
const gone = Object.assign(new Error('no such service'), { statusCode: 404 });

describe('unboundBecause', () => {
  it('says nothing while the service is the entity’s', async () => {
    expect(
      await of(
        async () => ({}),
        async () => ({}),
      ),
    ).toBeUndefined();
  });

  it('says, in words, that the service is bound elsewhere, claimed twice, or gone', async () => {
    const notFound = async () => {
      throw new NotFoundError('No Swarm service x on host swarm');
    };
    expect(await of(notFound, async () => ({}))).toBe(
      'shop-web is no longer a service of component:default/shop on host swarm (its labels changed), so its log ends here.',
    );
    expect(
      await of(notFound, async () => {
        throw gone;
      }),
    ).toBe('shop-web was removed from host swarm, so its log ends here.');
    expect(
      await of(
        async () => {
          throw new ConflictError(
            'This Swarm service on host swarm is bound to two entities.',
          );
        },
        async () => ({}),
      ),
    ).toBe(
      'This Swarm service on host swarm is bound to two entities. Its log ends here.',
    );
  });

  it('cannot tell while Docker does not answer', async () => {
    await expect(
      of(
        async () => {
          throw new ServiceUnavailableError('Docker host swarm is unavailable');
        },
        async () => ({}),
      ),
    ).rejects.toThrow('unavailable');
  });
});
