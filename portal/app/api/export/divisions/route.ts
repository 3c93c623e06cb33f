import { auditExport } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { DIVISION_COLUMNS, DIVISION_SORTABLE, divisionRows, queryDivisions } from "../../../../lib/division-table.ts";
import { describeError } from "../../../../lib/errors.ts";
import { xlsxResponse } from "../../../../lib/excel.ts";
import { clientIp } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";
import { parseTableQuery } from "../../../../lib/table.ts";

export const dynamic = "force-dynamic";

/** Excel export of the divisions table with the same filter/sort as the page (all pages). */
export async function GET(request: NextRequest) {
  const auth = await authorizeApi(request, "export", "export", { table: "divisions" });
  if (auth instanceof Response) return auth;
  try {
    const sp = Object.fromEntries(request.nextUrl.searchParams.entries());
    const query = parseTableQuery(sp, { sortable: DIVISION_SORTABLE, defaultSort: "code", filterKeys: ["level"] });
    let rows = queryDivisions(await divisionRows(), query, false).rows;
    const ids = sp.ids ? new Set(sp.ids.split(",")) : null;
    if (ids) rows = rows.filter((r) => ids.has(r.code));
    const wanted = sp.cols ? new Set(sp.cols.split(",")) : null;
    const columns = DIVISION_COLUMNS.filter((c) => (wanted ? wanted.has(c.key) : !c.defaultHidden));
    // Every export leaves an audit event (who, what, how many rows, with which filter).
    await getLand().db.transaction((tx) =>
      auditExport(
        tx,
        auth,
        "division",
        { rows: rows.length, format: "xlsx", query: sp },
        { ip: clientIp(request), target: `GET ${request.nextUrl.pathname}` },
      ),
    );
    return await xlsxResponse({
      filename: "行政区划",
      sheetName: "行政区划",
      title: "行政区划代码表",
      columns: columns.length ? columns : DIVISION_COLUMNS,
      rows,
      exportedBy: auth.displayName,
    });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
