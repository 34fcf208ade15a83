import Docker from 'dockerode';

/**
 * Opens a streamed Engine API answer (logs, events) without buffering it.
 * Only the answer's headers must come within `headersTimeout`, when given;
 * the body then streams until `signal` aborts or the caller stops reading.
 */
export async function dialStream(
  docker: Docker,
  request: {
    path: string;
    options: Record<string, string | number | boolean>;
    statusCodes: Record<number, true | string>;
    signal: AbortSignal;
    headersTimeout?: { ms: number; message: string };
  },
): Promise<NodeJS.ReadableStream> {
  const { signal, headersTimeout } = request;
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  signal.addEventListener('abort', forward, { once: true });
  const deadline = headersTimeout
    ? setTimeout(() => {
        const error = new Error(headersTimeout.message);
        error.name = 'TimeoutError';
        controller.abort(error);
      }, headersTimeout.ms)
    : undefined;
  try {
    const stream = await new Promise<NodeJS.ReadableStream>(
      (resolve, reject) => {
        docker.modem.dial(
          {
            path: request.path,
            method: 'GET',
            options: request.options,
            isStream: true,
            abortSignal: controller.signal,
            statusCodes: request.statusCodes,
          },
          (error, result) =>
            error ? reject(error) : resolve(result as NodeJS.ReadableStream),
        );
      },
    );
    stream.on('close', () => signal.removeEventListener('abort', forward));
    return stream;
  } catch (error) {
    signal.removeEventListener('abort', forward);
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}
