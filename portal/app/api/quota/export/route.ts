import type { NextRequest } from "next/server";
import { exportQuotaTable } from "../../../../lib/quota-export.ts";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return exportQuotaTable(request);
}
