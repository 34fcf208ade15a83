import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { useLifecycleWorld } from './__testUtils__/lifecycleWorld';
import { callsOutsideAllowList } from './__testUtils__/recordingProxy';
import {
  asUser,
  OTHER,
  OWNER,
  startPluginBackend,
} from './__testUtils__/testBackend';

// The audit trail of actions and reads, through the real backend wiring.
const w = useLifecycleWorld('audit');

describe('the audit trail', () => {
  it('emits a medium-severity event per action and low-severity events for reads', async () => {
    const auditor = mockServices.auditor.mock();
    const event = {
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    };
    auditor.createEvent.mockResolvedValue(event);
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
      extraFeatures: [auditor.factory],
    });
    await request(server)
      .post(`${w.containerPath('shop', 'local', w.shop.id)}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'audit me' })
      .expect(200);
    await request(server)
      .get(
        `${w.containerPath(
          'shop',
          'local',
          w.shop.id,
        )}/logs?tail=1&timestamps=true`,
      )
      .set(asUser(OTHER))
      .expect(200);

    const calls = auditor.createEvent.mock.calls.map(([options]) => options);
    expect(calls).toEqual([
      expect.objectContaining({
        eventId: 'container-action',
        severityLevel: 'medium',
        meta: {
          action: 'restart',
          entityRef: 'component:default/shop',
          host: 'local',
          containerId: w.shop.id,
          reason: 'audit me',
        },
      }),
      expect.objectContaining({
        eventId: 'container-logs',
        severityLevel: 'low',
        meta: {
          entityRef: 'component:default/shop',
          host: 'local',
          containerId: w.shop.id,
          follow: false,
        },
      }),
    ]);
    // Log reads are audited without their query string.
    expect(calls[1].request?.originalUrl).toMatch(/\/logs$/);
    expect(event.success).toHaveBeenCalledWith({
      meta: { changed: true, stateUnknown: false },
    });
  });
});

describe('the Engine API allow-list', () => {
  it('was kept by every call this suite made', () => {
    expect(callsOutsideAllowList(w.localProxy.calls)).toEqual([]);
  });
});
