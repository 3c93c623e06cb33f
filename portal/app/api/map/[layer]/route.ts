import { featuresInBox, MAP_LAYERS, type MapLayer } from "@land/shared";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const query = z.object({
  bbox: z
    .string()
    .transform((s) => s.split(",").map(Number))
    .refine((a) => a.length === 4 && a.every(Number.isFinite), "bbox 须为 west,south,east,north 四个数"),
  res: z.coerce.number().positive("res 须为正数").max(1, "res 过大"),
});

/** GeoJSON of a 一张图 layer inside the map's view (EPSG:4490), simplified to its resolution. */
export async function GET(request: NextRequest, context: { params: Promise<{ layer: string }> }) {
  const auth = await authorizeApi(request, "read", "one-map");
  if (auth instanceof Response) return auth;
  const { layer } = await context.params;
  if (!Object.hasOwn(MAP_LAYERS, layer)) {
    return Response.json({ code: "NOT_FOUND", status: 404, messageZh: `没有图层 ${layer}` }, { status: 404 });
  }
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const messageZh = parsed.error.issues.map((i) => `${i.path.join(".")}：${i.message}`).join("；");
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh }, { status: 400 });
  }
  try {
    const [west = 0, south = 0, east = 0, north = 0] = parsed.data.bbox;
    const body = await featuresInBox(getLand().db, layer as MapLayer, { west, south, east, north }, parsed.data.res);
    return new Response(body, {
      headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "private, max-age=60" },
    });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
