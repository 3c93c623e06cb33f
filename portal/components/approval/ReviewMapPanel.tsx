"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { type MapPolygon, type MapSelection, OVERLAP_KINDS } from "./ApprovalMap.tsx";

const ApprovalMap = dynamic(() => import("./ApprovalMap.tsx").then((m) => m.ApprovalMap), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-700">地图加载中…</p>,
});

export interface ReviewMapOverlap {
  id: string;
  kind: string;
  severity: string;
  parcelNo: string;
  areaM2: number;
  label: string;
  messageZh: string;
  geometry: MapPolygon["geometry"];
}

const SEVERITY: Record<string, string> = { blocking: "阻断", warning: "警示", info: "提示" };

/** The review's map (parcels, overlaps coloured by kind, DLTB underneath) beside the overlap table; a row highlights its overlap. */
export function ReviewMapPanel({ parcels, overlaps }: { parcels: MapPolygon[]; overlaps: ReviewMapOverlap[] }) {
  const [selected, setSelected] = useState<MapSelection>(null);
  const polys = useMemo<MapPolygon[]>(
    () => overlaps.map((o) => ({ id: o.id, label: o.label, kind: o.kind, geometry: o.geometry })),
    [overlaps],
  );
  const kinds = [...new Set(overlaps.map((o) => o.kind))];
  return (
    <div className="flex flex-col gap-3">
      <ApprovalMap parcels={parcels} overlaps={polys} selected={selected} onSelect={setSelected} height={460} />
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800" aria-label="图例">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-5 border-2 border-[#154b8c] bg-[#1d5fae26]" />
          报批地块
        </li>
        {(kinds.length ? kinds : Object.keys(OVERLAP_KINDS)).map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-3 w-5" style={{ background: OVERLAP_KINDS[k]?.colour ?? "#334155" }} />
            {OVERLAP_KINDS[k]?.name ?? k}
          </li>
        ))}
        <li className="text-slate-600">底层：三调地类图斑（按一级类着色），虚线为三条控制线</li>
      </ul>
      {overlaps.length === 0 ? (
        <p className="text-sm text-emerald-800">未发现与永久基本农田、生态保护红线、已批或已供土地的重叠，且全部位于城镇开发边界内。</p>
      ) : (
        <div className="overflow-auto rounded-md border border-slate-300 bg-white">
          <table className="w-full text-sm" data-testid="overlap-table">
            <caption className="px-3 py-2 text-left font-semibold text-slate-800">
              重叠分析（{overlaps.length} 处，点击一行在地图上定位）
            </caption>
            <thead className="bg-slate-100 text-left text-slate-800">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  地块
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  类型
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  程度
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  重叠对象
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  面积（平方米）
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  说明
                </th>
              </tr>
            </thead>
            <tbody>
              {overlaps.map((o) => {
                const on = selected?.kind === "overlap" && selected.id === o.id;
                return (
                  <tr
                    key={o.id}
                    aria-selected={on}
                    onClick={() => setSelected(on ? null : { kind: "overlap", id: o.id })}
                    className={`cursor-pointer border-t border-slate-200 hover:bg-slate-50 ${on ? "bg-amber-50" : ""}`}
                  >
                    <td className="px-2 py-1.5">
                      <button
                        type="button"
                        aria-pressed={on}
                        className="text-brand-700 underline"
                        onClick={(e) => {
                          e.stopPropagation();
                          setSelected(on ? null : { kind: "overlap", id: o.id });
                        }}
                      >
                        {o.parcelNo}
                      </button>
                    </td>
                    <td className="px-2 py-1.5">{OVERLAP_KINDS[o.kind]?.name ?? o.kind}</td>
                    <td className="px-2 py-1.5">{SEVERITY[o.severity] ?? o.severity}</td>
                    <td className="px-2 py-1.5">{o.label}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{o.areaM2.toFixed(2)}</td>
                    <td className="px-2 py-1.5">{o.messageZh}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
