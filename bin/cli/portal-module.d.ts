// Types of portal/server.mjs (plain ESM so it runs before any TypeScript tooling is loaded).
declare module "@land/portal" {
  export function needsBuild(): Promise<boolean>;
  export function buildPortal(options?: { log?: (message: string) => void }): Promise<{ seconds: number }>;
  export function startPortal(options: {
    db: import("@land/shared").Db;
    config: import("@land/shared").AppConfig;
    log?: (message: string) => void;
    /** Makes the redacted public copies of 主动公开 files; without it the public file route refuses every file. */
    redactor?: import("@land/shared").PublicCopyRedactor;
  }): Promise<{ url: string; port: number; close(): Promise<void> }>;
}
