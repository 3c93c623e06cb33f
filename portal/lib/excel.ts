import ExcelJS from "exceljs";

export interface ExcelColumn {
  key: string;
  label: string;
}

/** One-sheet .xlsx download: title row, header row (frozen, bold), data rows, export note. */
export async function xlsxResponse(opts: {
  filename: string;
  sheetName: string;
  title: string;
  columns: ExcelColumn[];
  rows: Record<string, unknown>[];
  exportedBy?: string;
}): Promise<Response> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "建设用地报批及征地信息管理系统";
  wb.created = new Date();
  const ws = wb.addWorksheet(opts.sheetName, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = opts.columns.map((c) => ({ key: c.key, width: Math.max(12, c.label.length * 2 + 4) }));
  const titleRow = ws.addRow([opts.title]);
  titleRow.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.max(1, opts.columns.length));
  const header = ws.addRow(opts.columns.map((c) => c.label));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD6E4F5" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const r of opts.rows) {
    // Codes stay text (leading zeros, no scientific notation).
    ws.addRow(opts.columns.map((c) => (r[c.key] === null || r[c.key] === undefined ? "" : String(r[c.key]))));
  }
  const stamp = new Date().toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  ws.addRow([]);
  ws.addRow([`共 ${opts.rows.length} 条 · 导出时间 ${stamp}${opts.exportedBy ? ` · 导出人 ${opts.exportedBy}` : ""}`]).font = {
    italic: true,
    color: { argb: "FF475569" },
  };
  const buf = await wb.xlsx.writeBuffer();
  const date = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  const name = `${opts.filename}-${date}.xlsx`;
  return new Response(buf as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="export-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
