import { auditExport } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { xlsxResponse } from "../../../../lib/excel.ts";
import { clientIp } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";
import { parseTableQuery } from "../../../../lib/table.ts";
import {
  queryRegistrations,
  REGISTRATION_COLUMNS,
  REGISTRATION_SORTABLE,
} from "../../../admin/(console)/acquisition/registrations/table.ts";

export const dynamic = "force-dynamic";

/**
 * Excel export of 补偿登记 with the same filter/sort as the page (all pages), masked exactly as the
 * page shows it by default — whatever the role: clear values never leave the system in a file.
 */
export async function GET(request: NextRequest) {
  const auth = await authorizeApi(request, "export", "export", { table: "compensation" });
  if (auth instanceof Response) return auth;
  try {
    const sp = Object.fromEntries(request.nextUrl.searchParams.entries());
    const query = parseTableQuery(sp, { sortable: REGISTRATION_SORTABLE, defaultSort: "registeredOn", defaultDir: "desc" });
    let rows = (await queryRegistrations(auth, query, false)).rows;
    const ids = sp.ids ? new Set(sp.ids.split(",")) : null;
    if (ids) rows = rows.filter((r) => ids.has(r.id));
    const wanted = sp.cols ? new Set(sp.cols.split(",")) : null;
    const columns = REGISTRATION_COLUMNS.filter((c) => (wanted ? wanted.has(c.key) : !c.defaultHidden));
    // Every export leaves an audit event (who, what, how many rows, with which filter).
    await getLand().db.transaction((tx) =>
      auditExport(
        tx,
        auth,
        "compensation_registration",
        { rows: rows.length, format: "xlsx", query: sp },
        { ip: clientIp(request), target: `GET ${request.nextUrl.pathname}` },
      ),
    );
    return await xlsxResponse({
      filename: "补偿登记",
      sheetName: "补偿登记",
      title: "补偿登记（个人信息已脱敏）",
      columns: columns.length ? columns : REGISTRATION_COLUMNS,
      rows,
      exportedBy: auth.displayName,
    });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
