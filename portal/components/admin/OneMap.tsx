"use client";

import "ol/ol.css";
import { defaults as defaultControls, ScaleLine } from "ol/control";
import type { FeatureLike } from "ol/Feature";
import GeoJSON from "ol/format/GeoJSON";
import VectorLayer from "ol/layer/Vector";
import { bbox as bboxStrategy } from "ol/loadingstrategy";
import OlMap from "ol/Map";
import VectorSource from "ol/source/Vector";
import { Fill, Stroke, Style } from "ol/style";
import View from "ol/View";
import { useEffect, useRef, useState } from "react";
import { CGCS2000, registerChinaProjections } from "../../lib/geo.ts";

/** Colours by the first two digits of the 地类编码 (GB/T 21010 first-level class). */
const CLASS_COLOURS: Record<string, string> = {
  "00": "#7dd3c0",
  "01": "#f4e27a",
  "02": "#e9b96e",
  "03": "#5fa35f",
  "04": "#b5d77b",
  "05": "#e07b7b",
  "06": "#b07aa1",
  "07": "#f2a65a",
  "08": "#d98c8c",
  "09": "#8c8cd9",
  "10": "#a0a0a0",
  "11": "#6fa8dc",
  "12": "#d9d2c5",
};
const LINE_COLOURS: Record<string, string> = { basic_farmland: "#b45309", eco_redline: "#15803d", urban_boundary: "#b91c1c" };

const styleCache = new Map<string, Style>();
function landUseStyle(f: FeatureLike): Style {
  const key = String(f.get("dlbm") ?? "").slice(0, 2);
  let s = styleCache.get(key);
  if (!s) {
    s = new Style({
      fill: new Fill({ color: `${CLASS_COLOURS[key] ?? "#cccccc"}cc` }),
      stroke: new Stroke({ color: "rgba(60,60,60,0.35)", width: 0.5 }),
    });
    styleCache.set(key, s);
  }
  return s;
}
function lineStyle(f: FeatureLike): Style {
  const colour = LINE_COLOURS[String(f.get("kind"))] ?? "#334155";
  return new Style({ stroke: new Stroke({ color: colour, width: 2, lineDash: [6, 4] }) });
}

function layerSource(layer: string, onError: (m: string) => void): VectorSource {
  const format = new GeoJSON();
  const source: VectorSource = new VectorSource({
    format,
    strategy: bboxStrategy,
    loader: (extent, resolution, _projection, success, failure) => {
      const url = `/api/map/${layer}?bbox=${extent.map((v) => v.toFixed(6)).join(",")}&res=${resolution}`;
      fetch(url)
        .then(async (res) => {
          if (!res.ok) throw new Error(((await res.json()) as { messageZh?: string }).messageZh ?? `HTTP ${res.status}`);
          const features = format.readFeatures(await res.json());
          source.addFeatures(features);
          success?.(features);
        })
        .catch((e: Error) => {
          onError(e.message);
          failure?.();
        });
    },
  });
  return source;
}

export interface OneMapProps {
  /** Initial centre (lon, lat in CGCS2000). */
  center: [number, number];
  height?: number;
}

/** 一张图: 地类图斑 coloured by class with the three control lines on top; no base map needed. */
export function OneMap({ center, height = 480 }: OneMapProps) {
  const target = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Record<string, unknown> | null>(null);

  useEffect(() => {
    if (!target.current) return;
    registerChinaProjections();
    const landUse = new VectorLayer({ source: layerSource("land_use", setError), style: landUseStyle, minZoom: 11 });
    const lines = new VectorLayer({ source: layerSource("control_line", setError), style: lineStyle });
    const map = new OlMap({
      target: target.current,
      layers: [landUse, lines],
      view: new View({ projection: CGCS2000, center, zoom: 12, minZoom: 8, maxZoom: 20 }),
      controls: defaultControls().extend([new ScaleLine()]),
    });
    map.on("singleclick", (e) => {
      const f = map.forEachFeatureAtPixel(e.pixel, (x) => x, { layerFilter: (l) => l === landUse });
      setPicked(f ? (f.getProperties() as Record<string, unknown>) : null);
    });
    return () => map.setTarget(undefined);
  }, [center]);

  return (
    <div>
      <div
        ref={target}
        style={{ height }}
        className="w-full rounded border border-slate-300 bg-slate-50"
        role="img"
        aria-label="一张图：地类图斑与三条控制线"
      />
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          图层加载失败：{error}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700" aria-live="polite">
        {picked
          ? `地类图斑 ${String(picked.bsm)}：${String(picked.dlbm)} ${String(picked.dlmc)}，面积 ${Number(picked.tbmj).toLocaleString("zh-CN")} 平方米，坐落 ${String(picked.zldwdm)}`
          : "点击地图上的图斑查看属性。地类图斑在放大到 11 级以上时显示；橙色虚线为永久基本农田，绿色为生态保护红线，红色为城镇开发边界。"}
      </p>
    </div>
  );
}
