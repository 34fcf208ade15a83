import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';

/**
 * A test backend's signals service: every signal the plugin publishes goes
 * to `published`, whole, instead of to browsers.
 */
export function recordingSignals(published: SignalPayload[]) {
  return createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (signal: SignalPayload) => void published.push(signal),
    }),
  });
}
