"use client";
import type { UnmatchedItem } from "@land/shared/disclosure/workflow/index";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { EmptyState } from "../ui/EmptyState.tsx";
import { useToast } from "../ui/Toast.tsx";
import { postJson as post } from "./api.ts";

/** The 待归集 queue: attach an item to a suggested (or pasted) record, or ignore it with a reason. */
export function UnmatchedItems({ items, mayWork }: { items: UnmatchedItem[]; mayWork: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [target, setTarget] = useState<Record<string, string>>({});
  const [ignoring, setIgnoring] = useState<UnmatchedItem | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);

  if (items.length === 0) return <EmptyState title="没有待归集的材料" description="采集到的材料都已归集到公开记录。" />;

  const attach = async (item: UnmatchedItem) => {
    const recordId = (target[item.id] ?? item.suggestions[0]?.id ?? "").trim();
    if (!recordId) {
      toast.show("请选择或填写要归集到的公开记录", "error");
      return;
    }
    setBusy(true);
    const r = await post(`/api/disclosure/items/${item.id}/attach`, { recordId });
    setBusy(false);
    toast.show(r.ok ? `已归集：${item.title}` : r.messageZh, r.ok ? "success" : "error");
    if (r.ok) router.refresh();
  };
  const ignore = async () => {
    if (!ignoring) return;
    setBusy(true);
    const r = await post(`/api/disclosure/items/${ignoring.id}/ignore`, { reason });
    setBusy(false);
    toast.show(r.ok ? `已忽略：${ignoring.title}` : r.messageZh, r.ok ? "success" : "error");
    if (r.ok) {
      setIgnoring(null);
      setReason("");
      router.refresh();
    }
  };

  return (
    <div className="overflow-auto">
      <table className="w-full text-sm" data-testid="unmatched-items">
        <caption className="sr-only">待归集材料</caption>
        <thead className="bg-slate-100 text-left text-slate-800">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              材料
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              识别的批准文号
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              区县
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              来源
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              归集到
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className="border-t border-slate-200 align-top">
              <td className="px-2 py-1.5">{i.title}</td>
              <td className="px-2 py-1.5">{i.docNumber ?? <span className="text-slate-500">未识别</span>}</td>
              <td className="px-2 py-1.5">{i.divisionName}</td>
              <td className="px-2 py-1.5">
                <code className="text-xs">{i.sourceId}</code>
              </td>
              <td className="px-2 py-1.5">
                {mayWork ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <label className="sr-only" htmlFor={`t-${i.id}`}>
                      归集到的公开记录
                    </label>
                    {i.suggestions.length > 0 ? (
                      <select
                        id={`t-${i.id}`}
                        value={target[i.id] ?? i.suggestions[0]?.id}
                        onChange={(e) => setTarget({ ...target, [i.id]: e.target.value })}
                        className="max-w-72 rounded-md border border-slate-400 px-2 py-1"
                      >
                        {i.suggestions.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.docNumber ?? s.title}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={`t-${i.id}`}
                        placeholder="公开记录标识码"
                        value={target[i.id] ?? ""}
                        onChange={(e) => setTarget({ ...target, [i.id]: e.target.value })}
                        className="w-72 rounded-md border border-slate-400 px-2 py-1 font-mono text-xs"
                      />
                    )}
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => attach(i)}
                      className="rounded-md bg-brand-700 px-3 py-1 text-white disabled:opacity-50"
                    >
                      归集
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => setIgnoring(i)}
                      className="rounded-md border border-slate-400 px-3 py-1 text-slate-800 disabled:opacity-50"
                    >
                      忽略
                    </button>
                  </div>
                ) : (
                  <span className="text-slate-500">无办理权限</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={ignoring !== null}
        title="忽略此材料"
        confirmLabel="忽略"
        danger
        onConfirm={ignore}
        onCancel={() => setIgnoring(null)}
      >
        <p>“{ignoring?.title}”将不归集到任何公开记录。请说明原因：</p>
        <label className="sr-only" htmlFor="ignore-reason">
          忽略原因
        </label>
        <textarea
          id="ignore-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          className="mt-2 w-full rounded-md border border-slate-400 p-2"
        />
      </ConfirmDialog>
    </div>
  );
}
