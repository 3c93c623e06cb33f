import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.ts";
import { AppError } from "../errors/app-error.ts";
import { openDatabase } from "./open.ts";

const serverUrl = process.env.TEST_DATABASE_URL;

function withOptions(url: string, options: string): string {
  const u = new URL(url);
  u.searchParams.set("options", options);
  return u.toString();
}

describe.skipIf(!serverUrl)("opening PostgreSQL", () => {
  it("refuses a server whose commits are not durable, outside tests, and says why", async () => {
    const url = withOptions(serverUrl as string, "-c synchronous_commit=off");
    const err = await openDatabase(loadConfig({ NODE_ENV: "development", DATABASE_URL: url })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("DB_DURABILITY_OFF");
    expect((err as AppError).messageZh).toContain("synchronous_commit=off");
  });

  it("accepts the same server in tests or with the explicit override", async () => {
    const url = withOptions(serverUrl as string, "-c synchronous_commit=off");
    const db = await openDatabase(loadConfig({ NODE_ENV: "development", DATABASE_URL: url, LAND_ALLOW_UNSAFE_DURABILITY: "true" }));
    expect(db.kind).toBe("postgres");
    await db.close();
  });

  it("reports an unreachable server clearly, without the password", async () => {
    const err = await openDatabase(loadConfig({ NODE_ENV: "test", DATABASE_URL: "postgres://land:s3cret@127.0.0.1:1/land" })).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).code).toBe("DB_UNREACHABLE");
    expect((err as AppError).messageZh).not.toContain("s3cret");
    expect((err as AppError).messageZh).toContain("land:***@");
  });
});
