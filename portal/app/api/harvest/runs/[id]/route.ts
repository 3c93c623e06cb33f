import { getHarvestRun } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../../lib/authz.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** Live progress of one run: phase queued → running → finished, counts, heartbeat, errors. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request, "read", "harvest");
  if (auth instanceof Response) return auth;
  const { id } = await params;
  const n = Number(id);
  const run = Number.isSafeInteger(n) && n > 0 && n < 2 ** 31 ? await getHarvestRun(getLand().db, n) : null;
  if (!run) return Response.json({ code: "NOT_FOUND", status: 404, messageZh: "采集运行不存在" }, { status: 404 });
  return Response.json(run, { headers: { "Cache-Control": "no-store" } });
}
