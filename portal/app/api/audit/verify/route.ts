import { appendAudit, loadAuditKey, verifyAuditChain } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { clientIp, sameOrigin } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * Recomputes the SM3 audit chain and checks every signed checkpoint with the signing key (the
 * same check as `land audit verify`); the verification itself is audited. 审计管理员 only.
 */
export async function POST(request: NextRequest) {
  const auth = await authorizeApi(request, "verify", "audit");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "请求来源不被允许" }, { status: 403 });
  try {
    const { db, config } = getLand();
    const key = loadAuditKey({ configured: config.auditKey, dataDir: config.dataDir, production: config.nodeEnv === "production" });
    const result = await verifyAuditChain(db, key);
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor: auth.username,
        roles: auth.roles,
        divisionCode: auth.divisionCode,
        action: "audit.verify",
        entity: "audit_event",
        ip: clientIp(request),
        detail: { ...result },
      }),
    );
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
