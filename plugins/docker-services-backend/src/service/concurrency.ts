/**
 * Maps with at most `limit` calls in flight, keeping the order. Once a call
 * fails, or `options.signal` aborts, no further item is started (a failing
 * or abandoned host is not sent the rest of the batch); `fn` gets a signal
 * that aborts then, to end the calls in flight early.
 */
export async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, signal: AbortSignal) => Promise<R>,
  options: { signal?: AbortSignal } = {},
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const controller = new AbortController();
  const outer = options.signal;
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  outer?.addEventListener('abort', forward, { once: true });
  let next = 0;
  const worker = async () => {
    while (next < items.length && !controller.signal.aborted) {
      const index = next++;
      try {
        results[index] = await fn(items[index], controller.signal);
      } catch (error) {
        controller.abort(error);
        throw error;
      }
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(limit, items.length) }, worker),
    );
    if (outer?.aborted) throw outer.reason;
    return results;
  } finally {
    outer?.removeEventListener('abort', forward);
  }
}

function timeoutError(ms: number): Error {
  const error = new Error(`No answer within ${ms} ms`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * Rejects with a TimeoutError when the work takes longer than `ms`. Given a
 * function, it is handed a signal that aborts at the deadline, so the work
 * can stop instead of running on after its answer no longer matters.
 */
export function withDeadline<T>(
  work: Promise<T> | ((signal: AbortSignal) => Promise<T>),
  ms: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timeoutError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  let promise: Promise<T>;
  try {
    promise = typeof work === 'function' ? work(controller.signal) : work;
  } catch (error) {
    clearTimeout(timer);
    return Promise.reject(error);
  }
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
