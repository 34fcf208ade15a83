/** Polls `condition` every 200 ms for at most `limitMs`; returns its last value. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  condition: (value: T) => boolean,
  limitMs = 40_000,
): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  let value = await read();
  while (!condition(value) && Date.now() < giveUpAt) {
    await new Promise(r => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

/** Waits for `condition` to hold, checking every `stepMs`, at most `limitMs`. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  limitMs: number,
  stepMs = 100,
): Promise<boolean> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > giveUpAt) return false;
    await new Promise(r => setTimeout(r, stepMs));
  }
}
