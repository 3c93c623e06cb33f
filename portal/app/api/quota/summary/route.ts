import type { NextRequest } from "next/server";
import { quotaSummaryResponse } from "../../../../lib/quota-export.ts";

export const dynamic = "force-dynamic";

/** The printable PDF summary of the dashboard (same filters); audited like every export. */
export async function GET(request: NextRequest) {
  return quotaSummaryResponse(request);
}
