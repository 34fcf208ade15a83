import {
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  SignalsService,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';

/**
 * A test backend's signals service: every signal the plugin publishes goes
 * to `published` instead of to browsers, whole, or as `record` keeps it
 * (such as its channel and when it was published).
 */
export function recordingSignals(
  published: SignalPayload[],
): ServiceFactory<SignalsService>;
export function recordingSignals<T>(
  published: T[],
  record: (signal: SignalPayload) => T,
): ServiceFactory<SignalsService>;
export function recordingSignals(
  published: unknown[],
  record: (signal: SignalPayload) => unknown = signal => signal,
): ServiceFactory<SignalsService> {
  return createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (signal: SignalPayload) =>
        void published.push(record(signal)),
    }),
  });
}
