import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { ENV_VARIABLES, loadConfig } from "./env.ts";

describe("loadConfig", () => {
  it("defaults to the embedded database under ./data on port 3000, dual-stack", () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: "embedded", dataDir: "./data" });
    expect(c.port).toBe(3000);
    expect(c.host).toBe("::");
    expect(c.demo).toBe(true);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u@db:5432/land" });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/land" });
  });

  it("lists every invalid variable at once", () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: "production", PORT: "70000", DATABASE_URL: "mysql://x", MEILI_URL: "not a url", LAND_DEMO: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe("CONFIG_INVALID");
    const vars = (e.details as { variable: string }[]).map((i) => i.variable).sort();
    expect(vars).toEqual(["DATABASE_URL", "LAND_AUDIT_KEY", "LAND_DEMO", "LAND_SESSION_SECRET", "MEILI_URL", "PORT"]);
    expect(e.messageZh).toContain("6 项");
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).database.kind).toBe("embedded");
  });

  it("turns demo data off in production", () => {
    const c = loadConfig({ NODE_ENV: "production", LAND_SESSION_SECRET: "x".repeat(32), LAND_AUDIT_KEY: "k".repeat(48) });
    expect(c.demo).toBe(false);
  });

  it(".env.example documents exactly the variables the schema reads", () => {
    const example = fs.readFileSync(path.resolve(import.meta.dirname, "../../../.env.example"), "utf8");
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual([...ENV_VARIABLES].sort());
  });
});
