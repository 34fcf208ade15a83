import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { describeHostError } from './describeHostError';
import { EngineTooOldError } from './engineApiVersion';
import {
  ActionTimeoutError,
  isConnectionLost,
  isTimeout,
  mayHaveHappened,
  toActionError,
} from './toActionError';

const context = { host: 'own', containerName: 'shop-1' };
const withCode = (code: string, message = code) =>
  Object.assign(new Error(message), { code });
const named = (name: string) => Object.assign(new Error(name), { name });
const fromDocker = (statusCode: number) =>
  Object.assign(
    new Error(`(HTTP code ${statusCode}) server error - driver failed `),
    { statusCode },
  );

describe('toActionError', () => {
  it('keeps 404 and 409 meanings in its own words', () => {
    expect(toActionError(fromDocker(404), context)).toEqual(
      new NotFoundError('Container shop-1 no longer exists on host own'),
    );
    expect(toActionError(fromDocker(409), context)).toBeInstanceOf(
      ConflictError,
    );
  });

  it('never passes on Docker status codes or messages', () => {
    for (const error of [fromDocker(500), fromDocker(400), fromDocker(503)]) {
      const mapped = toActionError(error, context);
      expect(mapped).toBeInstanceOf(ServiceUnavailableError);
      expect(mapped.message).not.toMatch(/HTTP code|driver failed/);
      expect((mapped as { statusCode?: number }).statusCode).toBeUndefined();
    }
  });

  it('says in words why the engine could not be reached', () => {
    const cases: Array<[unknown, RegExp]> = [
      [withCode('ECONNREFUSED'), /no Docker engine is running/],
      [withCode('ENOENT'), /no Docker engine is running/],
      [withCode('ECONNRESET', 'socket hang up'), /connection was dropped/],
      [withCode('EPIPE'), /connection was dropped/],
      [named('TimeoutError'), /did not answer in time/],
      [named('AbortError'), /did not answer in time/],
      [withCode('EACCES'), /not allowed to connect/],
      [withCode('CERT_HAS_EXPIRED'), /TLS certificate/],
      [new EngineTooOldError('1.40'), /too old/],
      [new Error('something odd'), /Details are in the portal's server log/],
      [undefined, /Details are in the portal's server log/],
    ];
    for (const [error, expected] of cases) {
      const mapped = toActionError(error, context);
      expect(mapped).toBeInstanceOf(ServiceUnavailableError);
      expect(mapped.message).toMatch(/^Docker host "own" is unavailable: /);
      expect(mapped.message).toMatch(expected);
      expect(mapped.message).toBe(describeHostError(error, 'own'));
    }
  });
});

describe('mayHaveHappened', () => {
  it('holds for timeouts and broken connections, not for refusals', () => {
    expect(mayHaveHappened(named('TimeoutError'))).toBe(true);
    expect(mayHaveHappened(new ActionTimeoutError('late'))).toBe(true);
    expect(mayHaveHappened(withCode('ECONNRESET', 'socket hang up'))).toBe(
      true,
    );
    expect(mayHaveHappened(new Error('socket hang up'))).toBe(true);
    expect(mayHaveHappened(withCode('EPIPE'))).toBe(true);
    expect(mayHaveHappened(withCode('ECONNREFUSED'))).toBe(false);
    expect(mayHaveHappened(withCode('ENOENT'))).toBe(false);
    expect(mayHaveHappened(fromDocker(500))).toBe(false);
    expect(mayHaveHappened(undefined)).toBe(false);
    expect(isTimeout(withCode('ECONNRESET'))).toBe(false);
    expect(isConnectionLost(named('TimeoutError'))).toBe(false);
  });
});
