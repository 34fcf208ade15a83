import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import {
  entity,
  entityNamed,
  fakeApi,
  response,
  responseWith,
  UI_TEST_TIMEOUT_MS,
} from '../components/__testUtils__/servicesFixtures';
import { useContainers } from './useContainers';
import { FakeSignalApi } from './__testUtils__/FakeSignalApi';

const CHANNEL = 'docker-services:entity:component:default/shop-web';

function renderUseContainers(
  signals: FakeSignalApi,
  options: { entity?: typeof entity; onChange?: () => void } = {},
) {
  const api = fakeApi(Promise.resolve(response));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [dockerServicesApiRef, api],
        [signalApiRef, signals],
      ]}
    >
      {children}
    </TestApiProvider>
  );
  const hook = renderHook(
    () => useContainers(options.entity ?? entity, options.onChange),
    { wrapper },
  );
  return { api, ...hook };
}

// Every test renders with the app's APIs and waits for the list; a cold jest
// cache on a busy two-core machine can need more than jest's default 5 s.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('useContainers', () => {
  it("listens on the entity's one channel and re-reads the list when it is signalled", async () => {
    const signals = new FakeSignalApi();
    const onChange = jest.fn();
    const { api, result } = renderUseContainers(signals, { onChange });
    await waitFor(() => expect(result.current.value).toEqual(response));
    expect(signals.channels()).toEqual([CHANNEL]);

    const changed = responseWith();
    api.listContainers.mockResolvedValue(changed);
    act(() => signals.deliver(CHANNEL, { change: 'changed' }));

    await waitFor(() => expect(result.current.value).toBe(changed));
    expect(onChange).toHaveBeenCalledTimes(1);
    // Reloading does not subscribe again.
    expect(signals.listenerCount(CHANNEL)).toBe(1);
  });

  it('names the channel by the lower-case entity ref', async () => {
    const signals = new FakeSignalApi();
    const { result } = renderUseContainers(signals, {
      entity: entityNamed('Shop-Web'),
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(signals.channels()).toEqual([CHANNEL]);
  });

  it('re-reads once for a burst of signals, as Docker reports a restart as several events', async () => {
    const signals = new FakeSignalApi();
    const onChange = jest.fn();
    const { result } = renderUseContainers(signals, { onChange });
    await waitFor(() => expect(result.current.loading).toBe(false));

    act(() => {
      for (let i = 0; i < 5; i++)
        signals.deliver(CHANNEL, { change: 'changed' });
    });

    // onChange comes with each signalled re-read. (The list is also
    // polled, so its read count depends on the machine's speed.)
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('stops listening when the page goes away', async () => {
    const signals = new FakeSignalApi();
    const { result, unmount } = renderUseContainers(signals);
    await waitFor(() => expect(result.current.loading).toBe(false));
    unmount();
    expect(signals.channels()).toEqual([]);
  });
});
