/**
 * Group commit: calls made in one turn of the event loop are handed to `run` together, once the
 * turn's I/O callbacks are done (setImmediate), and each caller gets its own result or error.
 * Every room's persistence queue flushes on the same clock (persistence.ts), so a server with
 * hundreds of live rooms makes one database statement per flush instead of hundreds.
 *
 * `run` answers per item, in order: a value, or an Error that fails that caller alone. If `run`
 * itself throws, every caller of that batch gets the error. At most `max` items go in one call;
 * more are split into several.
 */
export function coalesce<T, R>(run: (items: readonly T[]) => Promise<ReadonlyArray<R | Error>>, max = 500): (item: T) => Promise<R> {
  let pending: Array<{ item: T; resolve: (value: R) => void; reject: (error: unknown) => void }> | null = null;

  const flush = () => {
    const batch = pending ?? [];
    pending = null;
    for (let start = 0; start < batch.length; start += max) {
      const part = batch.slice(start, start + max);
      run(part.map((entry) => entry.item)).then(
        (results) =>
          part.forEach((entry, index) => {
            const result = results[index];
            if (result instanceof Error) entry.reject(result);
            else if (index >= results.length) entry.reject(new Error("coalesce: no result for this call"));
            else entry.resolve(result as R);
          }),
        (error: unknown) => part.forEach((entry) => entry.reject(error)),
      );
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      if (!pending) {
        pending = [];
        setImmediate(flush);
      }
      pending.push({ item, resolve, reject });
    });
}
