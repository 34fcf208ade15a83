import { LoggerService } from '@backstage/backend-plugin-api';
import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import { StringDecoder } from 'node:string_decoder';
import { EngineStats } from '../docker/DockerHost';
import { SampleRing } from './SampleRing';
import { toStatsSample } from './toStatsSample';

/** Docker sends a reading about every second; this long without one, the stream is dead. */
const SILENT_MS = 20_000;
/** One reading is a few KiB; a line this long is not one. */
const MAX_LINE_CHARS = 1024 * 1024;

/** Who hears a sampler's samples, and its end. */
export interface SampleListener {
  sample(sample: StatsSample): void;
  /**
   * The samples end: with why in words, or without a word when the portal
   * shuts down (the viewer should reconnect, to this replica or another).
   */
  end(message?: string): void;
}

/**
 * One Docker stats stream for one container: keeps a sample every
 * `intervalMs` (Docker reads every second) in a bounded ring, and passes
 * each to its listeners. Ends when the container stops, the stream breaks or
 * goes silent, or {@link StatsSampler.stop} is called; then tells its
 * listeners why (unless stopped) and calls `onEnd`.
 */
export class StatsSampler {
  readonly listeners = new Set<SampleListener>();
  readonly #open: (signal: AbortSignal) => Promise<NodeJS.ReadableStream>;
  readonly #intervalMs: number;
  readonly #ring: SampleRing<StatsSample>;
  readonly #controller = new AbortController();
  readonly #describe: { host: string; name: string };
  readonly #logger: LoggerService;
  readonly #onEnd: () => void;
  #base?: EngineStats;
  #silence?: NodeJS.Timeout;
  #ended = false;
  #silentEnd = false;

  constructor(options: {
    open: (signal: AbortSignal) => Promise<NodeJS.ReadableStream>;
    intervalMs: number;
    windowMs: number;
    host: string;
    name: string;
    logger: LoggerService;
    onEnd: () => void;
  }) {
    this.#open = options.open;
    this.#intervalMs = options.intervalMs;
    this.#ring = new SampleRing(
      Math.ceil(options.windowMs / options.intervalMs),
    );
    this.#describe = { host: options.host, name: options.name };
    this.#logger = options.logger;
    this.#onEnd = options.onEnd;
    void this.#run();
  }

  /** The samples kept, oldest first. */
  history(): StatsSample[] {
    return this.#ring.toArray();
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Ends the Docker stream without a word to the listeners. */
  stop(): void {
    this.#controller.abort();
  }

  async #run(): Promise<void> {
    const { host, name } = this.#describe;
    let reason = `${name} stopped, so its charts stop here.`;
    try {
      const stream = await this.#open(this.#controller.signal);
      this.#watchSilence();
      const decoder = new StringDecoder('utf8');
      let buffer = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.#watchSilence();
        buffer += decoder.write(chunk);
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        if (buffer.length > MAX_LINE_CHARS) {
          throw new Error('A stats reading was far too long');
        }
        for (const line of lines) {
          if (line.trim()) this.#take(JSON.parse(line) as EngineStats);
        }
      }
    } catch (error) {
      if (!this.#controller.signal.aborted) {
        this.#logger.warn('Reading live stats from Docker failed', {
          host,
          container: name,
          error: String(error),
        });
        reason = `Docker on host ${host} stopped sending measurements of ${name}. Close and reopen the details to try again.`;
      }
    }
    if (this.#silentEnd) {
      reason = `Docker on host ${host} sent no measurements of ${name} for ${
        SILENT_MS / 1000
      } seconds (has it stopped?). Close and reopen the details to try again.`;
    }
    clearTimeout(this.#silence);
    const stopped = this.#controller.signal.aborted && !this.#silentEnd;
    this.#controller.abort();
    this.#ended = true;
    if (!stopped) {
      for (const listener of [...this.listeners]) listener.end(reason);
    }
    this.#onEnd();
  }

  /** Restarts the silence deadline: data (or the stream's opening) arrived. */
  #watchSilence(): void {
    clearTimeout(this.#silence);
    this.#silence = setTimeout(() => {
      this.#silentEnd = true;
      this.#controller.abort();
    }, SILENT_MS);
  }

  /** Keeps a reading when an interval has passed since the last one kept. */
  #take(raw: EngineStats): void {
    const at = Date.parse(raw.read);
    // A container that is not running reads as year 1.
    if (!(at > 0)) return;
    if (!this.#base) {
      this.#base = raw;
      return;
    }
    // Docker's readings drift a little around each second.
    if (at - Date.parse(this.#base.read) < this.#intervalMs - 250) return;
    const sample = toStatsSample(this.#base, raw);
    this.#base = raw;
    this.#ring.push(sample);
    for (const listener of [...this.listeners]) listener.sample(sample);
  }
}
