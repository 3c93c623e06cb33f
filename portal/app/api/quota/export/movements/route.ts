import type { NextRequest } from "next/server";
import { exportQuotaTable } from "../../../../../lib/quota-export.ts";

export const dynamic = "force-dynamic";

/** The drill-down table's export (DataTable appends its filters; the table is fixed here). */
export async function GET(request: NextRequest) {
  return exportQuotaTable(request, "movements");
}
