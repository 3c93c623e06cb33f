import { checkHealth } from "@land/shared";
import { describeError } from "../../lib/errors.ts";
import { getLand } from "../../lib/land.ts";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** Liveness + readiness: 200 when the database, PostGIS and migrations are all in order. */
export async function GET() {
  try {
    const health = await checkHealth(getLand().db);
    return Response.json(health, { status: health.ok ? 200 : 503, headers: NO_STORE });
  } catch (e) {
    const err = describeError(e);
    return Response.json({ ok: false, error: err }, { status: 503, headers: NO_STORE });
  }
}
