import { harvestSources, listHarvestRuns, requestHarvestRun } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** The harvest sources and their latest runs (?source=ID&limit=N). */
export async function GET(request: NextRequest) {
  const auth = await authorizeApi(request, "read", "harvest");
  if (auth instanceof Response) return auth;
  const { db, config } = getLand();
  const q = request.nextUrl.searchParams;
  const runs = await listHarvestRuns(db, { sourceId: q.get("source") ?? undefined, limit: Number(q.get("limit") ?? "50") || 50 });
  return Response.json({ sources: await harvestSources(config), runs }, { headers: { "Cache-Control": "no-store" } });
}

/**
 * “立即采集”: `{ sourceId, full? }` queues a run of the source; the harvester picks it up within
 * seconds. 202 with the run (poll GET /api/harvest/runs/:id for progress); while the source already
 * has a run queued or running, that run is returned (200).
 */
export async function POST(request: NextRequest) {
  const auth = await authorizeApi(request, "create", "harvest");
  if (auth instanceof Response) return auth;
  try {
    const { db, config } = getLand();
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    const known = (await harvestSources(config)).map((s) => s.id);
    const { run, created } = await requestHarvestRun(
      db,
      { sourceId: body.sourceId as string, full: body.full === true, actor: auth.username },
      known,
    );
    return Response.json({ run, created }, { status: created ? 202 : 200, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
