import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { TooManyRequestsError } from '../TooManyRequestsError';
import { effectiveFollowersPerUser, LogStreamLimits } from './logStreamLimits';

/** 429: too many log streams open. */
export class TooManyLogStreamsError extends TooManyRequestsError {}

/** A log read ends within seconds; a follow lasts as long as its tab. */
const RETRY_AFTER_READ_SECONDS = 5;
const RETRY_AFTER_FOLLOW_SECONDS = 30;

/** Who holds a log stream: a user by entity ref, a service by subject. */
export function logReaderKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return principal.type;
}

/** Counts by key; a key whose count drops to zero is forgotten. */
class Counter {
  readonly #counts = new Map<string, number>();

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  add(key: string, delta: 1 | -1) {
    const next = this.get(key) + delta;
    if (next > 0) this.#counts.set(key, next);
    else this.#counts.delete(key);
  }

  get size(): number {
    return this.#counts.size;
  }
}

/**
 * Counts open log streams per Docker host and per person, followers apart.
 * Callers acquire only for a host that is configured and a container that
 * was found there, so entries exist only for real hosts and are dropped
 * when their last stream ends.
 */
export class LogStreamLimiter {
  readonly #limits: LogStreamLimits;
  readonly #followersPerUser: number;
  readonly #streamsByHost = new Counter();
  readonly #streamsByUser = new Counter();
  readonly #followersByHost = new Counter();
  readonly #followersByUser = new Counter();

  constructor(limits: LogStreamLimits) {
    this.#limits = limits;
    this.#followersPerUser = effectiveFollowersPerUser(limits);
  }

  /**
   * Takes a slot, or throws TooManyLogStreamsError saying which limit was
   * reached. The returned function gives the slot back; calling it again
   * does nothing.
   */
  acquire(stream: { host: string; user: string; follow: boolean }): () => void {
    const { host, user, follow } = stream;
    this.#check(stream);
    this.#change(host, user, follow, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#change(host, user, follow, -1);
    };
  }

  /**
   * Takes one slot per stream on `hosts` (a host once per stream), all or
   * none; the returned function gives them all back.
   */
  acquireAll(
    hosts: string[],
    reader: { user: string; follow: boolean },
  ): () => void {
    const releases: (() => void)[] = [];
    const releaseAll = () => releases.forEach(release => release());
    try {
      for (const host of hosts) {
        releases.push(this.acquire({ host, ...reader }));
      }
    } catch (error) {
      releaseAll();
      throw error;
    }
    return releaseAll;
  }

  /** How many hosts and people hold streams now, for tests and diagnostics. */
  usage(): { hosts: number; users: number } {
    return {
      hosts: this.#streamsByHost.size,
      users: this.#streamsByUser.size,
    };
  }

  #check({
    host,
    user,
    follow,
  }: {
    host: string;
    user: string;
    follow: boolean;
  }) {
    const limits = this.#limits;
    const wait = follow ? RETRY_AFTER_FOLLOW_SECONDS : RETRY_AFTER_READ_SECONDS;
    const later = `Try again in ${wait} seconds`;
    if (follow && this.#followersByUser.get(user) >= this.#followersPerUser) {
      throw new TooManyLogStreamsError(
        `You are already following ${
          this.#followersPerUser
        } logs, the most one person may follow at once. Close one of them (perhaps in another tab), then try again in ${RETRY_AFTER_FOLLOW_SECONDS} seconds.`,
        RETRY_AFTER_FOLLOW_SECONDS,
      );
    }
    if (this.#streamsByUser.get(user) >= limits.maxStreamsPerUser) {
      throw new TooManyLogStreamsError(
        `You already have ${limits.maxStreamsPerUser} logs open, the most one person may read at once. ${later}, after one of them has finished or was closed.`,
        wait,
      );
    }
    if (
      follow &&
      this.#followersByHost.get(host) >= limits.maxFollowersPerHost
    ) {
      throw new TooManyLogStreamsError(
        `${limits.maxFollowersPerHost} people are already following logs on host ${host}, the most this portal allows. ${later}, or read the logs without following.`,
        wait,
      );
    }
    if (this.#streamsByHost.get(host) >= limits.maxStreamsPerHost) {
      throw new TooManyLogStreamsError(
        `${limits.maxStreamsPerHost} logs are already being read from host ${host}, the most this portal allows at once. ${later}.`,
        wait,
      );
    }
  }

  #change(host: string, user: string, follow: boolean, delta: 1 | -1) {
    this.#streamsByHost.add(host, delta);
    this.#streamsByUser.add(user, delta);
    if (follow) {
      this.#followersByHost.add(host, delta);
      this.#followersByUser.add(user, delta);
    }
  }
}
