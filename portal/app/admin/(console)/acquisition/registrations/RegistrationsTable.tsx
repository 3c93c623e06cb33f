"use client";

import { useState, useTransition } from "react";
import { type DataColumn, DataTable } from "../../../../../components/ui/DataTable.tsx";
import type { TableQuery } from "../../../../../lib/table.ts";
import { revealRegistrations } from "./actions.ts";
import type { RegistrationTableRow } from "./table.ts";

export interface RegistrationsTableProps {
  columns: DataColumn[];
  rows: RegistrationTableRow[];
  total: number;
  page: number;
  pageCount: number;
  query: TableQuery;
  mayReveal: boolean;
}

/** The masked table; for allowed roles a 显示完整信息 action that fetches this page's clear values (audited). */
export function RegistrationsTable({ columns, rows, total, page, pageCount, query, mayReveal }: RegistrationsTableProps) {
  const [clear, setClear] = useState<RegistrationTableRow[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // A new page from the server (navigation) shows masked values again.
  const [shownFor, setShownFor] = useState(rows);
  if (shownFor !== rows) {
    setShownFor(rows);
    setClear(null);
  }

  function reveal() {
    setMessage(null);
    startTransition(async () => {
      const r = await revealRegistrations(rows.map((x) => x.id));
      if (r.ok) {
        const byId = new Map(r.rows.map((x) => [x.id, x]));
        setClear(rows.map((x) => byId.get(x.id) ?? x));
        setMessage("已显示本页完整信息，本次查看已记录审计日志。");
      } else {
        setMessage(`${r.messageZh}（${r.code}）`);
      }
    });
  }

  return (
    <>
      <div className="flex flex-wrap items-center gap-3" data-testid="registration-privacy">
        <span className="text-sm text-slate-700">
          {clear ? "当前显示完整个人信息。" : "身份证号、联系电话、银行账号和权利人姓名默认脱敏显示，导出的 Excel 同样脱敏。"}
        </span>
        {mayReveal && !clear && rows.length > 0 ? (
          <button
            type="button"
            onClick={reveal}
            disabled={pending}
            className="rounded border border-amber-600 px-3 py-1 text-sm font-medium text-amber-800 hover:bg-amber-50 disabled:opacity-60"
          >
            {pending ? "正在获取…" : "显示完整信息"}
          </button>
        ) : null}
        {clear ? (
          <button
            type="button"
            onClick={() => {
              setClear(null);
              setMessage(null);
            }}
            className="rounded border border-slate-400 px-3 py-1 text-sm text-slate-800 hover:bg-slate-50"
          >
            恢复脱敏显示
          </button>
        ) : null}
        {message ? (
          <span role="status" className="text-sm text-amber-800">
            {message}
          </span>
        ) : null}
      </div>
      <DataTable
        id="compensation-registrations"
        caption="补偿登记"
        columns={columns}
        rows={clear ?? rows}
        rowKey="id"
        total={total}
        page={page}
        pageCount={pageCount}
        query={query}
        exportHref="/api/export/compensation"
        filterPlaceholder="批次、村、权利人或完整身份证号"
      />
    </>
  );
}
