import { mockCredentials } from '@backstage/backend-test-utils';
import {
  LogStreamLimiter,
  logReaderKey,
  TooManyLogStreamsError,
} from './LogStreamLimiter';
import { LogStreamLimits } from './logStreamLimits';

const limits: LogStreamLimits = {
  maxStreamsPerHost: 4,
  maxStreamsPerUser: 3,
  maxFollowersPerHost: 3,
  maxFollowersPerUser: 5,
  stalledFollowSeconds: 60,
};

function refusal(action: () => unknown): TooManyLogStreamsError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TooManyLogStreamsError);
    return error as TooManyLogStreamsError;
  }
  throw new Error('expected a refusal');
}

describe('LogStreamLimiter', () => {
  it('bounds one person’s streams of any kind, and lets others read', () => {
    const limiter = new LogStreamLimiter(limits);
    const read = { host: 'a', user: 'user:default/ann', follow: false };
    [1, 2, 3].forEach(() => limiter.acquire(read));
    const error = refusal(() => limiter.acquire(read));
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterSeconds).toBe(5);
    expect(error.message).toBe(
      'You already have 3 logs open, the most one person may read at once. Try again in 5 seconds, after one of them has finished or was closed.',
    );
    expect(() =>
      limiter.acquire({ ...read, user: 'user:default/bob' }),
    ).not.toThrow();
  });

  it('bounds a host’s streams, whoever reads', () => {
    const limiter = new LogStreamLimiter(limits);
    ['u1', 'u2', 'u3', 'u4'].forEach(user =>
      limiter.acquire({ host: 'a', user, follow: false }),
    );
    expect(
      refusal(() => limiter.acquire({ host: 'a', user: 'u5', follow: false }))
        .message,
    ).toBe(
      '4 logs are already being read from host a, the most this portal allows at once. Try again in 5 seconds.',
    );
    expect(() =>
      limiter.acquire({ host: 'b', user: 'u5', follow: false }),
    ).not.toThrow();
  });

  it('never lets one person take every follower slot of a host', () => {
    const limiter = new LogStreamLimiter({ ...limits, maxStreamsPerUser: 10 });
    const follow = { host: 'a', user: 'ann', follow: true };
    limiter.acquire(follow);
    limiter.acquire(follow);
    const mine = refusal(() => limiter.acquire(follow));
    expect(mine.message).toMatch(/^You are already following 2 logs/);
    expect(mine.retryAfterSeconds).toBe(30);
    limiter.acquire({ ...follow, user: 'bob' });
    expect(
      refusal(() => limiter.acquire({ ...follow, user: 'cid' })).message,
    ).toBe(
      '3 people are already following logs on host a, the most this portal allows. Try again in 30 seconds, or read the logs without following.',
    );
  });

  it('gives a slot back once, however often release is called, and forgets idle keys', () => {
    const limiter = new LogStreamLimiter(limits);
    const read = { host: 'a', user: 'ann', follow: true };
    const releases = [1, 2].map(() => limiter.acquire(read));
    limiter.acquire({ ...read, user: 'bob' });
    releases[0]();
    releases[0]();
    releases[0]();
    // Had the repeated calls counted, ann would now have 0 and bob -2.
    limiter.acquire(read);
    expect(() => limiter.acquire(read)).toThrow(TooManyLogStreamsError);
    expect(limiter.usage()).toEqual({ hosts: 1, users: 2 });
    releases[1]();
    expect(limiter.usage()).toEqual({ hosts: 1, users: 2 });
  });

  it('drops a host or person once their last stream ended', () => {
    const limiter = new LogStreamLimiter(limits);
    const release = limiter.acquire({ host: 'a', user: 'ann', follow: true });
    expect(limiter.usage()).toEqual({ hosts: 1, users: 1 });
    release();
    expect(limiter.usage()).toEqual({ hosts: 0, users: 0 });
  });
});

describe('logReaderKey', () => {
  it('names users by entity ref and services by subject', () => {
    expect(logReaderKey(mockCredentials.user('user:default/ann'))).toBe(
      'user:default/ann',
    );
    expect(logReaderKey(mockCredentials.service('plugin:catalog'))).toBe(
      'service:plugin:catalog',
    );
  });
});
