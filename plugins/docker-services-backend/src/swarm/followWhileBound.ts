import { PassThrough } from 'node:stream';

/** How often a followed service log asks whether the service is still the entity's. */
export const BINDING_CHECK_MS = 5_000;

interface FollowOptions {
  /** Undefined while the service is the entity's; else why not, in words. */
  stillBound: () => Promise<string | undefined>;
  onUnbound: (reason: string) => void;
  everyMs?: number;
}

/** Docker's stream piped to `out` while the binding holds. */
class BoundFollow {
  readonly out = new PassThrough();
  readonly #source: NodeJS.ReadableStream;
  readonly #options: FollowOptions;
  readonly #timer: ReturnType<typeof setInterval>;
  #asking = false;
  #done = false;

  constructor(source: NodeJS.ReadableStream, options: FollowOptions) {
    this.#source = source;
    this.#options = options;
    this.#timer = setInterval(
      () => this.#ask(),
      options.everyMs ?? BINDING_CHECK_MS,
    );
    this.#timer.unref?.();
    source.pipe(this.out, { end: false });
    source.on('end', () => this.#close({}));
    source.on('error', (error: Error) => this.#close({ error }));
    source.on('close', () =>
      this.#close({
        error: Object.assign(new Error('Premature close'), {
          code: 'ERR_STREAM_PREMATURE_CLOSE',
        }),
      }),
    );
    // The reader went away: Docker's stream is not needed any more.
    this.out.on('close', () => this.#close({ closeSource: true }));
  }

  async #ask() {
    if (this.#asking || this.#done) return;
    this.#asking = true;
    try {
      const reason = await this.#options.stillBound();
      if (reason && !this.#done) {
        this.#options.onUnbound(reason);
        this.#close({ closeSource: true });
      }
    } catch {
      // Not known now (Docker did not answer): asked again next time; a
      // hung engine is for the log stream's own watch to tell.
    } finally {
      this.#asking = false;
    }
  }

  /** Ends `out` (with Docker's error, if any) once, and stops asking. */
  #close(how: { error?: Error; closeSource?: boolean }) {
    if (this.#done) return;
    this.#done = true;
    clearInterval(this.#timer);
    this.#source.unpipe(this.out);
    if (how.closeSource) {
      (this.#source as { destroy?: () => void }).destroy?.();
    }
    if (how.error) this.out.destroy(how.error);
    else if (!this.out.destroyed) this.out.end();
  }
}

/**
 * A followed service log that ends once the service is no longer the
 * entity's. Docker follows a service whatever its labels say, and a
 * service's labels change without the service ending (`docker service
 * update --label-add`), so while the log is followed `stillBound` is asked
 * every `everyMs`, whether lines come or not. When it answers with a reason,
 * that reason is given to `onUnbound`, Docker's stream is closed and this
 * one ends cleanly, after every line already read.
 *
 * Otherwise it is Docker's stream: its end, errors and early close pass
 * through, and closing this one closes Docker's.
 */
export function followWhileBound(
  source: NodeJS.ReadableStream,
  options: FollowOptions,
): NodeJS.ReadableStream {
  return new BoundFollow(source, options).out;
}
