/** A sentence for people that names the host and says what happened. */
export const UNAVAILABLE = expect.stringMatching(
  /^Docker host "own" is unavailable: .+\.$/,
);

/** What Docker or Node would say: never shown to people. */
export const INTERNALS =
  /HTTP code|socket hang up|ECONN|EPIPE|ENOENT|\(HTTP|dockerd|\/v1\./;

/** The message is {@link UNAVAILABLE}'s sentence, with no {@link INTERNALS}. */
export function expectReadable(message: unknown): void {
  expect(message).toEqual(UNAVAILABLE);
  expect(message).not.toMatch(INTERNALS);
}
