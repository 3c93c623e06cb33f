"use client";
import type { Permission } from "@land/shared/disclosure/workflow/index";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { useToast } from "../ui/Toast.tsx";
import { postJson } from "./api.ts";

type Kind = "confirm" | "publish" | "unpublish";

/**
 * 确认 / 审核发布 / 撤回 of one record. Each button asks for confirmation first (撤回 with a required
 * reason); a button the user may not use stays visible, disabled, with the reason next to it —
 * e.g. the two-person rule — and the server refuses the same way if called anyway.
 */
export function RecordActions({
  recordId,
  title,
  can,
  publishLabel,
}: {
  recordId: string;
  title: string;
  can: { confirm: Permission; publish: Permission; unpublish: Permission };
  publishLabel: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState<Kind | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!open) return;
    setBusy(true);
    setError(null);
    const r = await postJson(
      `/api/disclosure/records/${recordId}/${open}`,
      open === "unpublish" ? { reason: text } : text.trim() ? { note: text } : {},
    );
    setBusy(false);
    if (!r.ok) {
      setError(r.messageZh);
      return;
    }
    toast.show(open === "confirm" ? "已确认" : open === "publish" ? `${publishLabel}完成` : "已撤回发布", "success");
    setOpen(null);
    setText("");
    router.refresh();
  };

  const button = (kind: Kind, label: string, p: Permission, tone: string) => (
    <div className="flex flex-col gap-1" key={kind}>
      <button
        type="button"
        data-action={kind}
        disabled={!p.allowed || busy}
        onClick={() => {
          setError(null);
          setText("");
          setOpen(kind);
        }}
        className={`rounded-md px-4 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${tone}`}
      >
        {label}
      </button>
      {!p.allowed ? (
        <span className="max-w-64 text-xs text-slate-700" data-reason={kind}>
          {p.reason}
        </span>
      ) : null}
    </div>
  );

  const dialogTitle = open === "confirm" ? "确认公开记录" : open === "publish" ? publishLabel : "撤回发布";
  return (
    <div className="flex flex-wrap items-start gap-3" role="toolbar" aria-label="办理">
      {button("confirm", "确认", can.confirm, "bg-brand-700 text-white hover:bg-brand-800")}
      {button("publish", publishLabel, can.publish, "bg-emerald-700 text-white hover:bg-emerald-800")}
      {button("unpublish", "撤回发布", can.unpublish, "border border-red-600 bg-white text-red-800 hover:bg-red-50")}
      <ConfirmDialog
        open={open !== null}
        title={dialogTitle}
        confirmLabel={busy ? "办理中…" : (dialogTitle ?? "确定")}
        danger={open === "unpublish"}
        onConfirm={run}
        onCancel={() => setOpen(null)}
      >
        <p>
          {open === "confirm"
            ? `确认“${title}”的内容与材料已核对无误。确认后须由另一人按公开流程审核发布。`
            : open === "publish"
              ? `对“${title}”办理${publishLabel}。`
              : `撤回后“${title}”立即从公开网站下线，须重新确认、发布。请填写撤回原因：`}
        </p>
        <label className="mt-2 block text-slate-800" htmlFor="action-text">
          {open === "unpublish" ? "撤回原因（必填）" : "办理意见（可选）"}
        </label>
        <textarea
          id="action-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          className="mt-1 w-full rounded-md border border-slate-400 p-2"
        />
        {error ? (
          <p role="alert" className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-red-900" data-testid="action-error">
            {error}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
