import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { createSecretBox, deriveKey, KEY_FILE, secretBoxFor } from "./secret-box.ts";

describe("secret box (AES-256-GCM)", () => {
  const box = createSecretBox(deriveKey("x".repeat(32)));

  it("round-trips and never stores the plaintext", () => {
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "ctx:1");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealed.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(box.open(sealed, "ctx:1")).toBe("JBSWY3DPEHPK3PXP");
    expect(box.seal("same", "c")).not.toBe(box.seal("same", "c")); // random IV
  });

  it("refuses another context, another key and a tampered value", () => {
    const sealed = box.seal("secret", "app_user.totp_secret:1");
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).code;
      }
      return "opened";
    };
    expect(code(() => box.open(sealed, "app_user.totp_secret:2"))).toBe("SECRET_UNREADABLE");
    expect(code(() => createSecretBox(deriveKey("y".repeat(32))).open(sealed, "app_user.totp_secret:1"))).toBe("SECRET_UNREADABLE");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64url");
    expect(code(() => box.open(parts.join("."), "app_user.totp_secret:1"))).toBe("SECRET_UNREADABLE");
  });

  it("derives the key from LAND_SESSION_SECRET, the same on every start", () => {
    const config = {
      nodeEnv: "production" as const,
      sessionSecret: "s".repeat(40),
      dataDir: "./data",
    };
    const a = secretBoxFor(config);
    expect(secretBoxFor(config).open(a.seal("v", "c"), "c")).toBe("v");
    expect(() => secretBoxFor({ ...config, sessionSecret: undefined })).toThrow(AppError);
  });

  it("in development without a secret, creates one key file under the data dir and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "land-box-"));
    try {
      const config = { nodeEnv: "development" as const, sessionSecret: undefined, dataDir: dir };
      const sealed = secretBoxFor(config).seal("v", "c");
      const file = path.join(dir, KEY_FILE);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect(secretBoxFor(config).open(sealed, "c")).toBe("v");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("hashes for exact-match search: deterministic, keyed, separated by context", () => {
    const a = createSecretBox(deriveKey("a".repeat(32)));
    const b = createSecretBox(deriveKey("b".repeat(32)));
    const h = a.hash("51010419800101123X", "t.id_number");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash("51010419800101123X", "t.id_number")).toBe(h);
    expect(b.hash("51010419800101123X", "t.id_number")).not.toBe(h);
    expect(a.hash("51010419800101123X", "t.phone")).not.toBe(h);
    expect(h).not.toBe(createHash("sha256").update("51010419800101123X").digest("hex"));
  });
});
