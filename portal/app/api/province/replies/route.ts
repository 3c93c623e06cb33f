import { receiveProvincePush, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * 三级联网 webhook: the province pushes 受理/批复/退件 here (land-province/1, docs/province-link.md).
 * Not a session route: the HMAC-SHA256 signature with its timestamp is the authentication (401
 * when it does not verify), so it is not in the role matrix. Idempotent on the reply id.
 */
export async function POST(request: NextRequest) {
  try {
    const { db, config } = getLand();
    const secret = config.province.secret;
    if (!secret) {
      return Response.json(
        { error: { code: "UNAVAILABLE", messageZh: "未配置三级联网签名密钥（LAND_PROVINCE_SECRET）" } },
        { status: 503 },
      );
    }
    const r = await receiveProvincePush(
      db,
      { secret, replayWindowSeconds: config.province.replayWindowSeconds },
      {
        method: "POST",
        pathWithQuery: `${request.nextUrl.pathname}${request.nextUrl.search}`,
        timestamp: request.headers.get(TIMESTAMP_HEADER),
        signature: request.headers.get(SIGNATURE_HEADER),
        body: await request.text(),
      },
    );
    return new Response(r.body, { status: r.status, headers: { ...r.headers, "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
