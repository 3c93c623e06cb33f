import { requeueDeadLetter } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../../../lib/authz.ts";
import { describeError } from "../../../../../../lib/errors.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** 重新投递: a dead letter back into the outbox (系统管理员), same idempotency key; audited. */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request, "manage", "province-link");
  if (auth instanceof Response) return auth;
  try {
    const { id } = await context.params;
    const r = await requeueDeadLetter(getLand().db, { outboxId: Number(id), actor: auth.username });
    return Response.json(r, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
