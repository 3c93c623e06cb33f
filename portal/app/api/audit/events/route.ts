import { listAuditEvents } from "@land/shared";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  action: z.string().max(64).optional(),
});

/** The latest audit events, newest first (审计管理员 only). */
export async function GET(request: NextRequest) {
  const auth = await authorizeApi(request, "read", "audit");
  if (auth instanceof Response) return auth;
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const messageZh = parsed.error.issues.map((i) => `${i.path.join(".")}：${i.message}`).join("；");
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh }, { status: 400 });
  }
  try {
    const events = await listAuditEvents(getLand().db, parsed.data);
    return Response.json({ events }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
