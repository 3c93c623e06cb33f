"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { useToast } from "../ui/Toast.tsx";

export interface TransitionOption {
  to: string;
  toName: string;
  labelZh: string;
  reasonRequired: boolean;
}

const DANGER = new Set(["returned", "withdrawn", "expired"]);

/**
 * The next steps this user may take on the batch (the server computed them from the rule table):
 * one button each; a dialog asks for the reason (required for 退件/撤回/失效) or, for 批复, the 批文.
 * The server checks everything again; its refusal (blocking reasons, periods) is shown as is.
 */
export function BatchTransitions({
  batchId,
  options,
  returnReasons,
}: {
  batchId: string;
  options: TransitionOption[];
  /** 退件原因 code table (code, name) for the structured reasons of a 退件. */
  returnReasons: { code: string; name: string }[];
}) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState<TransitionOption | null>(null);
  const [reason, setReason] = useState("");
  const [codes, setCodes] = useState<string[]>([]);
  const [approval, setApproval] = useState({ docNumber: "", title: "", authority: "SZF", approvedOn: "", approvedAreaHa: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (options.length === 0) return <p className="text-sm text-slate-700">当前状态下您没有可办理的流转。</p>;

  async function submit(o: TransitionOption) {
    setBusy(true);
    setError(null);
    try {
      const isApproval = o.to === "approved";
      const res = await fetch(isApproval ? `/api/batches/${batchId}/approval` : `/api/batches/${batchId}/transitions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(
          isApproval
            ? {
                ...approval,
                ...(approval.approvedAreaHa ? { approvedAreaHa: Number(approval.approvedAreaHa) } : { approvedAreaHa: undefined }),
              }
            : {
                to: o.to,
                ...(reason.trim() ? { reason: reason.trim() } : {}),
                ...(o.to === "returned" && codes.length > 0 ? { reasonCodes: codes } : {}),
              },
        ),
      });
      const body = (await res.json().catch(() => ({}))) as { messageZh?: string; code?: string };
      if (!res.ok) {
        setError(`${body.messageZh ?? `办理失败（HTTP ${res.status}）`}${body.code ? `（${body.code}）` : ""}`);
        return;
      }
      toast.show(`已办理：${o.labelZh}`, "success");
      setOpen(null);
      setReason("");
      setCodes([]);
      router.refresh();
    } catch {
      setError("网络错误，未办理");
    } finally {
      setBusy(false);
    }
  }

  const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 text-sm";
  return (
    <div className="flex flex-col gap-2" data-testid="batch-transitions">
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <button
            key={o.to}
            type="button"
            data-to={o.to}
            onClick={() => {
              setError(null);
              setOpen(o);
            }}
            className={
              DANGER.has(o.to)
                ? "rounded-md border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50"
                : "rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
            }
          >
            {o.labelZh}
          </button>
        ))}
      </div>
      {error && !open ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={open !== null}
        title={open ? `${open.labelZh}（→ ${open.toName}）` : ""}
        confirmLabel={busy ? "正在办理…" : "确定办理"}
        danger={open ? DANGER.has(open.to) : false}
        onCancel={() => {
          setOpen(null);
          setError(null);
        }}
        onConfirm={() => {
          if (open && !busy) void submit(open);
        }}
      >
        {open?.to === "approved" ? (
          <div className="grid gap-2 text-sm" data-testid="approval-form">
            <label>
              批准文号
              <input
                className={field}
                name="docNumber"
                placeholder="如 川府土〔2025〕123号"
                value={approval.docNumber}
                onChange={(e) => setApproval({ ...approval, docNumber: e.target.value })}
              />
            </label>
            <label>
              文件标题
              <input
                className={field}
                name="title"
                value={approval.title}
                onChange={(e) => setApproval({ ...approval, title: e.target.value })}
              />
            </label>
            <label>
              批准机关
              <select
                className={field}
                name="authority"
                value={approval.authority}
                onChange={(e) => setApproval({ ...approval, authority: e.target.value })}
              >
                <option value="SZF">四川省人民政府</option>
                <option value="SZF_SQ">四川省人民政府（授权）</option>
                <option value="SZF_WT">四川省人民政府（委托）</option>
                <option value="GWY">国务院</option>
              </select>
            </label>
            <label>
              批准日期
              <input
                type="date"
                className={field}
                name="approvedOn"
                value={approval.approvedOn}
                onChange={(e) => setApproval({ ...approval, approvedOn: e.target.value })}
              />
            </label>
            <label>
              批准面积（公顷，默认批次面积）
              <input
                inputMode="decimal"
                className={field}
                name="approvedAreaHa"
                value={approval.approvedAreaHa}
                onChange={(e) => setApproval({ ...approval, approvedAreaHa: e.target.value })}
              />
            </label>
          </div>
        ) : (
          <>
            {open?.to === "returned" ? (
              <fieldset className="mb-2 text-sm" data-testid="return-reasons">
                <legend className="font-medium">退件原因（可多选）</legend>
                <div className="grid grid-cols-2 gap-x-3">
                  {returnReasons.map((r) => (
                    <label key={r.code} className="flex items-center gap-1">
                      <input
                        type="checkbox"
                        value={r.code}
                        checked={codes.includes(r.code)}
                        onChange={(e) => setCodes(e.target.checked ? [...codes, r.code] : codes.filter((c) => c !== r.code))}
                      />
                      {r.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <label className="flex flex-col text-sm">
              {open?.reasonRequired ? "原因（必填）" : "说明（可选）"}
              <textarea
                name="reason"
                className={field}
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={2000}
              />
            </label>
          </>
        )}
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
