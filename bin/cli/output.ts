import { AppError, toAppError } from "@land/shared";

/**
 * Conventions every `land` command shares: human logs on stderr (stdout is for `--json`
 * documents only), exit code 0 success / 1 rejected input / 2 failure.
 */
export const EXIT = { ok: 0, rejected: 1, failed: 2 } as const;

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Bad input (including bad configuration) is "rejected"; anything the system could not do is "failed". */
export function exitCodeFor(e: AppError): number {
  if (e.code === "DB_LOCKED") return EXIT.failed;
  return e.code === "CONFIG_INVALID" || e.status < 500 ? EXIT.rejected : EXIT.failed;
}

/** Reports an error in both languages (or as JSON) and returns the exit code. */
export function reportError(error: unknown, json: boolean): number {
  const e = toAppError(error);
  if (json) {
    printJson({ ok: false, error: e.toJSON() });
  } else {
    log(`错误 [${e.code}]：${e.messageZh}`);
    if (e.message && e.message !== e.messageZh) log(`error [${e.code}]: ${e.message}`);
    if (Array.isArray(e.details)) for (const d of e.details) log(`  - ${typeof d === "string" ? d : JSON.stringify(d)}`);
    if (e.location) log(`  位置 location: ${JSON.stringify(e.location)}`);
    if (e.code === "INTERNAL" && e.cause instanceof Error && e.cause.stack) log(e.cause.stack);
  }
  return e instanceof AppError ? exitCodeFor(e) : EXIT.failed;
}

/**
 * Wraps a command handler for commander: the handler's exit code, or — whatever it throws — a
 * bilingual report and the matching code, go to `setCode`. `--json` is read from the options
 * object commander passes after any positional arguments.
 */
export function commandAction(setCode: (code: number) => void) {
  return <A extends unknown[]>(handler: (...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> => {
      const opts = args.find((a) => typeof a === "object" && a !== null && !Array.isArray(a)) as { json?: boolean } | undefined;
      try {
        setCode(await handler(...args));
      } catch (e) {
        setCode(reportError(e, opts?.json === true));
      }
    };
}
