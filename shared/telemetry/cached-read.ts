/**
 * Wraps an expensive read made at scrape time (a COUNT in MySQL, a range count in etcd) so that
 * scrapes cannot pile load onto the store: callers at the same time share one read in flight,
 * and its result is reused until `ttlMs` after it arrived. A failed read is not kept: the next
 * call reads again.
 */
export function cachedRead<T>(
  read: () => Promise<T>,
  ttlMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let cached: { value: T; at: number } | undefined;
  let inFlight: Promise<T> | undefined;
  return () => {
    if (cached !== undefined && now() - cached.at < ttlMs) return Promise.resolve(cached.value);
    inFlight ??= read()
      .then((value) => {
        cached = { value, at: now() };
        return value;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
