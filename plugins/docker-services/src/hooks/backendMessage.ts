/**
 * The backend's own sentence for a failed request (kept by `ResponseError`
 * in its body), not the HTTP wrapper's "Request failed with 429 …".
 */
export function backendMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message ?? (error as Error).message;
}
