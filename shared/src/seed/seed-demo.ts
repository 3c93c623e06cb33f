import { randomUUID } from "node:crypto";
import type { Db } from "../db/types.ts";
import { appendAudit } from "../security/audit.ts";
import { hashPassword } from "../security/password.ts";
import { secretBox } from "../security/secret-box.ts";
import { totpSecretContext } from "../security/session.ts";
import { DIVISIONS } from "../standard/divisions.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./demo-accounts.ts";

export interface SeedResult {
  divisions: number;
  accounts: DemoAccount[];
}

/**
 * Loads the code tables every install needs and, when `demo` is on, the demo accounts — only
 * into an empty database, so a second start changes nothing. One transaction, audited.
 */
export async function seedDemo(db: Db, options: { demo: boolean }): Promise<SeedResult> {
  // Hash before the transaction: argon2 is slow on purpose and would hold the transaction open.
  const passwordHash = options.demo ? await hashPassword(DEMO_PASSWORD) : "";
  return db.transaction(async (tx) => {
    const result: SeedResult = { divisions: 0, accounts: [] };
    const hasDivisions = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM division");
    if ((hasDivisions.rows[0]?.n ?? 0) === 0) {
      for (const d of DIVISIONS) {
        await tx.query("INSERT INTO division (code, name, level, parent_code) VALUES ($1, $2, $3, $4)", [
          d.code,
          d.name,
          d.level,
          d.parentCode,
        ]);
      }
      result.divisions = DIVISIONS.length;
      await appendAudit(tx, {
        actor: "system",
        action: "seed.divisions",
        entity: "division",
        detail: { count: DIVISIONS.length, source: "GB/T 2260" },
      });
    }
    const hasUsers = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user");
    if (options.demo && (hasUsers.rows[0]?.n ?? 0) === 0) {
      for (const a of DEMO_ACCOUNTS) {
        // Accounts whose roles need TOTP come pre-enrolled with their fixed demo secret.
        const id = randomUUID();
        await tx.query(
          `INSERT INTO app_user (id, username, display_name, password_hash, roles, division_code, totp_secret, totp_enrolled_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END)`,
          [
            id,
            a.username,
            a.displayName,
            passwordHash,
            a.roles,
            a.divisionCode,
            a.totpSecret ? secretBox().seal(a.totpSecret, totpSecretContext(id)) : null,
          ],
        );
      }
      result.accounts = [...DEMO_ACCOUNTS];
      await appendAudit(tx, {
        actor: "system",
        action: "seed.demo_accounts",
        entity: "app_user",
        detail: {
          usernames: DEMO_ACCOUNTS.map((a) => a.username),
          totpEnrolled: DEMO_ACCOUNTS.filter((a) => a.totpSecret).map((a) => a.username),
        },
      });
    }
    return result;
  });
}
