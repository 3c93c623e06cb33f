import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { isAppError } from "../errors/app-error.ts";
import { LocalFileStorage, storeAttachment } from "./index.ts";
import { sha256Hex } from "./storage.ts";

let dir: string;
let t: TestDatabase;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "land-docs-"));
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("LocalFileStorage", () => {
  it("stores content-addressed under files/ab/cd/<sha256>, idempotently, with no temp files left", async () => {
    const s = new LocalFileStorage(dir);
    const bytes = new TextEncoder().encode("四川省人民政府关于成都市的批复");
    const a = await s.put(bytes);
    const b = await s.put(bytes);
    expect(a).toEqual(b);
    expect(a.sha256).toBe(sha256Hex(bytes));
    expect(a.key).toBe(`files/${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`);
    expect(new Uint8Array(await readFile(path.join(dir, a.key)))).toEqual(bytes);
    expect(await readdir(path.join(dir, "files", a.sha256.slice(0, 2), a.sha256.slice(2, 4)))).toEqual([a.sha256]);
    expect(await s.get(a.key)).toEqual(bytes);
  });

  it("refuses keys outside the layout and memory:// roots", async () => {
    const s = new LocalFileStorage(dir);
    expect(() => s.pathOf("../etc/passwd")).toThrow(/invalid storage key/);
    expect(() => new LocalFileStorage("memory://")).toThrow();
    await expect(s.get(`files/00/00/${"0".repeat(64)}`)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("storeAttachment", () => {
  it("refuses bad metadata with a located VALIDATION_FAILED and stores nothing", async () => {
    const storage = new LocalFileStorage(path.join(dir, "v"));
    const err = await storeAttachment(t.db, {
      storage,
      bytes: new Uint8Array([1, 2, 3]),
      kind: "no_such_kind" as "approval_doc",
      classification: "public",
      disclosureType: "proactive",
      fileName: "a.pdf",
      mediaType: "application/pdf",
      batchId: "00000000-0000-4000-8000-000000000000",
      actor: "tester",
    }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("VALIDATION_FAILED");
    expect(isAppError(err) && err.location).toEqual({ field: "kind" });
    await expect(readdir(path.join(dir, "v"))).rejects.toThrow();
    const n = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachment");
    expect(n.rows[0]?.n).toBe(0);
  });

  it("refuses an attachment whose batch does not exist (NOT_FOUND, no row)", async () => {
    const storage = new LocalFileStorage(path.join(dir, "w"));
    await expect(
      storeAttachment(t.db, {
        storage,
        bytes: new Uint8Array([1, 2, 3]),
        kind: "approval_doc",
        classification: "public",
        disclosureType: "proactive",
        fileName: "a.pdf",
        mediaType: "application/pdf",
        batchId: "00000000-0000-4000-8000-000000000000",
        actor: "tester",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const n = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachment");
    expect(n.rows[0]?.n).toBe(0);
  });
});
