"use client";

import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import type { MapPolygon, MapSelection } from "./ApprovalMap.tsx";

const ApprovalMap = dynamic(() => import("./ApprovalMap.tsx").then((m) => m.ApprovalMap), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-700">地图加载中…</p>,
});

export interface ParcelRow {
  id: string;
  parcelNo: string;
  name: string | null;
  dlbm: string | null;
  landUse: string | null;
  declaredAreaHa: number | null;
  planeAreaM2: number;
  pointCount: number;
  geometry: MapPolygon["geometry"];
}

const ha = (m2: number) => (m2 / 10_000).toFixed(4);
const mu = (m2: number) => (m2 / (10_000 / 15)).toFixed(2);

/** The batch's parcels: a table linked to a map with the 地类图斑 underneath (select a row → the parcel highlights, and back). */
export function BatchParcels({ parcels }: { parcels: ParcelRow[] }) {
  const [selected, setSelected] = useState<MapSelection>(null);
  const polygons = useMemo<MapPolygon[]>(() => parcels.map((p) => ({ id: p.id, label: p.parcelNo, geometry: p.geometry })), [parcels]);
  const total = parcels.reduce((s, p) => s + p.planeAreaM2, 0);
  return (
    <div className="grid gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="overflow-auto rounded-md border border-slate-300 bg-white" style={{ maxHeight: 440 }}>
        <table className="w-full text-sm" data-testid="parcel-table">
          <caption className="px-3 py-2 text-left font-semibold text-slate-800">
            地块（{parcels.length} 个，合计 {ha(total)} 公顷 / {mu(total)} 亩）
          </caption>
          <thead className="sticky top-0 bg-slate-100 text-left text-slate-800">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">
                地块编号
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                名称
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                地类
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                界址点
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                申报（公顷）
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                平面面积（公顷）
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                亩
              </th>
            </tr>
          </thead>
          <tbody>
            {parcels.map((p) => {
              const on = selected?.kind === "parcel" && selected.id === p.id;
              return (
                <tr
                  key={p.id}
                  aria-selected={on}
                  className={`cursor-pointer border-t border-slate-200 hover:bg-slate-50 ${on ? "bg-amber-50" : ""}`}
                  onClick={() => setSelected(on ? null : { kind: "parcel", id: p.id })}
                >
                  <td className="px-2 py-1.5">
                    <button
                      type="button"
                      aria-pressed={on}
                      className="font-mono text-brand-700 underline underline-offset-2"
                      onClick={(e) => {
                        e.stopPropagation();
                        setSelected(on ? null : { kind: "parcel", id: p.id });
                      }}
                    >
                      {p.parcelNo}
                    </button>
                  </td>
                  <td className="px-2 py-1.5">{p.name ?? "—"}</td>
                  <td className="px-2 py-1.5">{p.dlbm ?? "—"}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{p.pointCount}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{p.declaredAreaHa === null ? "—" : p.declaredAreaHa.toFixed(4)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{ha(p.planeAreaM2)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{mu(p.planeAreaM2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ApprovalMap parcels={polygons} selected={selected} onSelect={(s) => setSelected(s?.kind === "parcel" ? s : null)} height={440} />
    </div>
  );
}
