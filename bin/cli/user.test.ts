import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, openDatabase } from "@land/shared";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-cli-user-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
// Production requires the audit checkpoint signing key as well as the session secret.
const auditKey = generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");

/** Runs the real `land` binary as an operator would, in production mode (no demo accounts). */
function land(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input: input ?? "",
    env: {
      ...process.env,
      DATABASE_URL: "",
      TEST_DATABASE_URL: "",
      LAND_DATA_DIR: dataDir,
      NODE_ENV: "production",
      LAND_SESSION_SECRET: "cli-user-test-secret-0123456789abcdef",
      LAND_AUDIT_KEY: auditKey,
    },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

interface User {
  username: string;
  roles: string[];
  totpRequired: boolean;
  totpEnrolled: boolean;
  disabled: boolean;
}

// Spawns processes / opens databases: generous on a busy shared machine (no timing is asserted).
describe("land user", { timeout: 300_000 }, () => {
  it("starts with no accounts in production", () => {
    const r = land(["user", "list", "--json"]);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ ok: true, users: [] });
  });

  it("creates the first admin with a password from stdin (never argv)", () => {
    const r = land(
      [
        "user",
        "add",
        "zhang.admin",
        "--name",
        "张管理",
        "--roles",
        "system_admin,security_admin",
        "--division",
        "510100",
        "--password-stdin",
        "--json",
      ],
      "Tianfu-square-2026\n",
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().user).toMatchObject({
      username: "zhang.admin",
      displayName: "张管理",
      roles: ["system_admin", "security_admin"],
      divisionCode: "510100",
      totpRequired: true,
      totpEnrolled: false,
      disabled: false,
    });
  });

  it("refuses weak passwords, unknown roles and divisions in Chinese, exit 1", () => {
    const weak = land(
      ["user", "add", "li.si", "--name", "李四", "--roles", "leader", "--division", "510100", "--password-stdin"],
      "li.si-password\n",
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("口令");
    expect(weak.stderr).toContain("用户名");
    const role = land(
      ["user", "add", "li.si", "--name", "李四", "--roles", "leader,king", "--division", "510199", "--password-stdin", "--json"],
      "Jinjiang-river-9\n",
    );
    expect(role.code).toBe(1);
    const err = role.json().error as { code: string; messageZh: string };
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.messageZh).toContain("未知角色 king");
    const division = land(
      ["user", "add", "li.si", "--name", "李四", "--roles", "leader", "--division", "510199", "--password-stdin"],
      "Jinjiang-river-9\n",
    );
    expect(division.code).toBe(1);
    expect(division.stderr).toContain("行政区划代码 510199 不存在");
    const dup = land(
      ["user", "add", "zhang.admin", "--name", "张", "--roles", "leader", "--division", "510100", "--password-stdin"],
      "Jinjiang-river-9\n",
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("已存在");
    const noStdin = land(["user", "add", "li.si", "--name", "李四", "--roles", "leader", "--division", "510100"]);
    expect(noStdin.code).toBe(1);
    expect(noStdin.stderr).toContain("--password-stdin");
  });

  it("disables, enables, resets and lists, auditing each as cli:<os user>", () => {
    expect(
      land(
        ["user", "add", "li.si", "--name", "李四", "--roles", "leader", "--division", "510104", "--password-stdin"],
        "Jinjiang-river-9\n",
      ).code,
    ).toBe(0);
    const disabled = land(["user", "disable", "li.si", "--json"]);
    expect(disabled.code).toBe(0);
    expect((disabled.json().user as User).disabled).toBe(true);
    expect((land(["user", "enable", "li.si", "--json"]).json().user as User).disabled).toBe(false);
    expect(land(["user", "reset", "li.si", "--password-stdin"], "Wuhou-temple-77\n").code).toBe(0);
    expect(land(["user", "reset", "wang.wu", "--password-stdin"], "Wuhou-temple-77\n").code).toBe(1);
    const users = land(["user", "list", "--json"]).json().users as User[];
    expect(users.map((u) => u.username)).toEqual(["li.si", "zhang.admin"]);
    expect(users.find((u) => u.username === "li.si")).toMatchObject({ totpRequired: false, disabled: false });
    const human = land(["user", "list"]);
    expect(human.stderr).toContain("李四");
    expect(human.stderr).toContain("未绑定动态口令");
    const verify = land(["audit", "verify", "--json"]);
    expect(verify.code).toBe(0);
    expect(verify.json().ok).toBe(true);
  });

  it("audited every change as cli:<os user>", async () => {
    const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dataDir }));
    try {
      const r = await db.query<{ actor: string; action: string; entity_id: string }>(
        "SELECT actor, action, entity_id FROM audit_event WHERE action LIKE 'user.%' ORDER BY id",
      );
      expect(r.rows).toEqual(
        ["zhang.admin:user.created", "li.si:user.created", "li.si:user.disabled", "li.si:user.enabled", "li.si:user.reset"].map((x) => {
          const [entity_id, action] = x.split(":");
          return { actor: `cli:${os.userInfo().username}`, action, entity_id };
        }),
      );
      const hashes = await db.query<{ password_hash: string }>("SELECT password_hash FROM app_user");
      for (const h of hashes.rows) expect(h.password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await db.close();
    }
  });
});
