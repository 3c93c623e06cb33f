import cliProgress from "cli-progress";
import { log } from "./output.ts";

/**
 * A progress bar on stderr when it is a terminal; plain "n/total" lines otherwise (CI logs,
 * pipes), so long work always shows where it is.
 */
export interface Progress {
  tick(label: string): void;
  /** Jump to an absolute position (work reported in chunks). */
  set(done: number, label: string): void;
  stop(): void;
}

export function progress(title: string, total: number): Progress {
  if (total <= 0) return { tick() {}, set() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${title} [{bar}] {value}/{total} {label}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { label: "" });
    return { tick: (label) => bar.increment(1, { label }), set: (done, label) => bar.update(done, { label }), stop: () => bar.stop() };
  }
  let done = 0;
  let lastLogged = 0;
  return {
    tick(label) {
      done++;
      log(`${title} ${done}/${total} ${label}`);
    },
    // Without a terminal, log about every tenth of the way rather than every chunk.
    set(value, label) {
      done = value;
      if (done === total || done - lastLogged >= total / 10) {
        lastLogged = done;
        log(`${title} ${done}/${total} ${label}`);
      }
    },
    stop() {},
  };
}
