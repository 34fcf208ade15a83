/** What a log stream is told while it is watched. */
export interface EngineWatchEvents {
  /** Nothing was written for a heartbeat's time: keep proxies from closing. */
  heartbeat(): void;
  /** The first lull after the first batch of lines. */
  firstLull(): void;
  /** Docker did not answer a check; the follow waits for the deadline. */
  engineSilent(): void;
  /** Docker answers again after engineSilent. */
  engineBack(): void;
  /** Docker did not answer for the whole deadline: the stream must end. */
  engineGone(): void;
}

const TICK_MS = 250;
const FIRST_LULL_MS = 300;

/**
 * Watches Docker while a log streams: heartbeats while the log is quiet, and
 * tells a hung engine from a quiet container (or a reader too slow to ask
 * for more). All of them send nothing; so while Docker's stream is silent
 * the engine is asked a cheap question (`check`) every heartbeat, and only
 * an engine that neither streams nor answers for `stalledMs` ends the
 * stream.
 */
export class EngineWatch {
  readonly #events: EngineWatchEvents;
  readonly #check: () => Promise<unknown>;
  readonly #heartbeatMs: number;
  readonly #stalledMs: number;
  readonly #lastWriteAt: () => number;
  readonly #slowCheckMs: number;
  #timer?: NodeJS.Timeout;
  #lastSignOfLife = Date.now();
  #lastCheckAt = Date.now();
  #checking = false;
  #silentSaid = false;
  #lullSaid = false;
  #stopped = false;

  constructor(options: {
    events: EngineWatchEvents;
    /** A cheap allow-listed call to the engine; resolves if it answered. */
    check: () => Promise<unknown>;
    heartbeatMs: number;
    stalledMs: number;
    /** When the response was last written to. */
    lastWriteAt: () => number;
  }) {
    this.#events = options.events;
    this.#check = options.check;
    this.#heartbeatMs = options.heartbeatMs;
    this.#stalledMs = options.stalledMs;
    this.#lastWriteAt = options.lastWriteAt;
    // Generous: a busy engine may take a while and still be healthy.
    this.#slowCheckMs = Math.max(this.#heartbeatMs, this.#stalledMs / 2);
  }

  start(): void {
    this.#lastSignOfLife = Date.now();
    this.#lastCheckAt = Date.now();
    this.#timer = setInterval(
      () => this.#tick(),
      Math.min(TICK_MS, this.#heartbeatMs),
    );
  }

  /** Docker sent bytes: it is alive. */
  dataArrived(): void {
    this.#alive();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick() {
    if (this.#stopped) return;
    const now = Date.now();
    const sinceWrite = now - this.#lastWriteAt();
    if (!this.#lullSaid && sinceWrite >= FIRST_LULL_MS) {
      this.#lullSaid = true;
      this.#events.firstLull();
    }
    if (sinceWrite >= this.#heartbeatMs) this.#events.heartbeat();
    if (now - this.#lastSignOfLife >= this.#stalledMs) {
      this.stop();
      this.#events.engineGone();
      return;
    }
    if (this.#checking && now - this.#lastCheckAt >= this.#slowCheckMs) {
      // A check that takes this long is as telling as a failed one.
      this.#saySilent();
    } else if (
      !this.#checking &&
      now - this.#lastSignOfLife >= this.#heartbeatMs &&
      now - this.#lastCheckAt >= this.#heartbeatMs
    ) {
      this.#runCheck();
    }
  }

  #runCheck() {
    this.#checking = true;
    this.#lastCheckAt = Date.now();
    this.#check().then(
      () => {
        this.#checking = false;
        this.#alive();
      },
      () => {
        this.#checking = false;
        this.#saySilent();
      },
    );
  }

  #saySilent() {
    if (this.#stopped || this.#silentSaid) return;
    this.#silentSaid = true;
    this.#events.engineSilent();
  }

  #alive() {
    this.#lastSignOfLife = Date.now();
    if (this.#silentSaid && !this.#stopped) {
      this.#silentSaid = false;
      this.#events.engineBack();
    }
  }
}
