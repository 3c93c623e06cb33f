/**
 * Hands jobs to a fixed set of workers, first free worker first; used by both OCR back ends so
 * they share queueing and progress accounting.
 */
export interface WorkerQueue<W> {
  run<T>(label: string, job: (worker: W) => Promise<T>): Promise<T>;
  readonly pending: number;
}

export function createWorkerQueue<W>(
  workers: readonly W[],
  onDone?: (label: string, done: number, pending: number) => void,
): WorkerQueue<W> {
  const idle = [...workers];
  const waiting: ((w: W) => void)[] = [];
  let pending = 0;
  let done = 0;
  const acquire = (): Promise<W> => {
    const w = idle.pop();
    return w === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(w);
  };
  const release = (w: W): void => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    get pending() {
      return pending;
    },
    async run(label, job) {
      pending++;
      const w = await acquire();
      try {
        return await job(w);
      } finally {
        release(w);
        pending--;
        done++;
        onDone?.(label, done, pending);
      }
    },
  };
}
