import { mockServices } from '@backstage/backend-test-utils';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { FakeDockerHost } from './FakeDockerHost';

/**
 * A container index over one fake host ("local") with long intervals, for
 * the index's unit tests: SHOP labels bind by label, RULED by an admin rule.
 */
export const SHOP = { 'docker-services.entity': 'component:default/shop' };
export const RULED = { 'com.docker.compose.project': 'billing' };

export function setUpIndex(
  options: {
    reconcileIntervalMs?: number;
    pingIntervalMs?: number;
    onUnreachable?: (host: string) => void;
  } = {},
) {
  const host = new FakeDockerHost('local');
  const index = ContainerIndex.create({
    pingIntervalMs: options.pingIntervalMs ?? 3_600_000,
    onUnreachable: options.onUnreachable,
    hosts: [host],
    bindings: ContainerBindings.create({
      rules: [{ entityRef: 'component:default/billing', labels: RULED }],
      trustingHosts: [],
      annotatedEntities: async () => [],
    }),
    logger: mockServices.logger.mock(),
    reconcileIntervalMs: options.reconcileIntervalMs ?? 3_600_000,
    retryMs: 10,
  });
  const names = () =>
    index
      .view('local')!
      .containers.map(c => c.listed.Names[0])
      .sort();
  return { host, index, names };
}

export async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 300 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}
