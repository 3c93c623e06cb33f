"use client";

import "ol/ol.css";
import { defaults as defaultControls, ScaleLine } from "ol/control";
import Feature, { type FeatureLike } from "ol/Feature";
import GeoJSON from "ol/format/GeoJSON";
import { type Geometry, Point } from "ol/geom";
import VectorLayer from "ol/layer/Vector";
import { bbox as bboxStrategy } from "ol/loadingstrategy";
import OlMap from "ol/Map";
import VectorSource from "ol/source/Vector";
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from "ol/style";
import View from "ol/View";
import { useEffect, useRef, useState } from "react";
import { CGCS2000, registerChinaProjections } from "../../lib/geo.ts";

export interface MapPolygon {
  id: string;
  label: string;
  geometry: { type: "MultiPolygon" | "Polygon"; coordinates: unknown };
  /** For overlaps: OVERLAP_KINDS key. */
  kind?: string;
}

export interface MapPoint {
  id: string;
  label: string;
  lonLat: [number, number];
}

export type MapSelection = { kind: "point" | "parcel" | "overlap"; id: string } | null;

/** Overlap kinds of the review (ReviewOverlap.kind), their colour and Chinese name. */
export const OVERLAP_KINDS: Record<string, { name: string; colour: string }> = {
  basic_farmland: { name: "占用永久基本农田", colour: "#b45309" },
  eco_redline: { name: "占用生态保护红线", colour: "#15803d" },
  outside_urban_boundary: { name: "城镇开发边界外", colour: "#b91c1c" },
  approved_parcel: { name: "与已批地块重叠", colour: "#7c3aed" },
  supplied_land: { name: "与已供地重叠", colour: "#0e7490" },
};

const CLASS_COLOURS: Record<string, string> = {
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

function baseSource(layer: string, onError: (m: string) => void): VectorSource {
  const format = new GeoJSON();
  const source: VectorSource = new VectorSource({
    format,
    strategy: bboxStrategy,
    loader: (extent, resolution, _p, success, failure) => {
      fetch(`/api/map/${layer}?bbox=${extent.map((v) => v.toFixed(6)).join(",")}&res=${Math.min(resolution, 1)}`)
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

const label = (text: string) =>
  new Text({
    text,
    font: '600 12px "Noto Sans CJK SC", sans-serif',
    fill: new Fill({ color: "#0f172a" }),
    stroke: new Stroke({ color: "#ffffff", width: 3 }),
    overflow: true,
  });

export interface ApprovalMapProps {
  parcels: MapPolygon[];
  overlaps?: MapPolygon[];
  points?: MapPoint[];
  selected?: MapSelection;
  onSelect?: (s: MapSelection) => void;
  /** Draw the 三调 地类图斑 (DLTB) and control lines of the 一张图 underneath. */
  base?: boolean;
  height?: number;
  label?: string;
}

/**
 * The 报批 map: 地类图斑 (DLTB) and the three control lines from /api/map underneath, the batch's
 * parcels, the review's overlaps coloured by kind, and located issue points. CGCS2000 (EPSG:4490),
 * no base map needed. `selected` highlights (and zooms to) a point, parcel or overlap.
 */
export function ApprovalMap({
  parcels,
  overlaps = [],
  points = [],
  selected = null,
  onSelect,
  base = true,
  height = 420,
  label: aria,
}: ApprovalMapProps) {
  const target = useRef<HTMLElement>(null);
  const mapRef = useRef<OlMap | null>(null);
  const sources = useRef<{ parcels: VectorSource; overlaps: VectorSource; points: VectorSource } | null>(null);
  const selectedRef = useRef<MapSelection>(selected);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    registerChinaProjections();
    if (!target.current) return;
    const format = new GeoJSON();
    const toFeatures = (items: MapPolygon[], kind: "parcel" | "overlap") =>
      items.map((p) => {
        const f = format.readFeature({ type: "Feature", geometry: p.geometry, properties: {} }) as Feature<Geometry>;
        f.setId(`${kind}:${p.id}`);
        f.set("label", p.label);
        f.set("kind", p.kind ?? kind);
        f.set("ref", p.id);
        f.set("layer", kind);
        return f;
      });
    const parcelSource = new VectorSource({ features: toFeatures(parcels, "parcel") });
    const overlapSource = new VectorSource({ features: toFeatures(overlaps, "overlap") });
    const pointSource = new VectorSource({
      features: points.map((p) => {
        const f = new Feature({ geometry: new Point(p.lonLat) });
        f.setId(`point:${p.id}`);
        f.set("label", p.label);
        f.set("ref", p.id);
        f.set("layer", "point");
        return f;
      }),
    });
    sources.current = { parcels: parcelSource, overlaps: overlapSource, points: pointSource };
    const isSelected = (f: FeatureLike) => {
      const s = selectedRef.current;
      return s !== null && f.getId() === `${s.kind}:${s.id}`;
    };
    const layers: VectorLayer[] = [];
    if (base) {
      layers.push(
        new VectorLayer({
          source: baseSource("land_use", setError),
          minZoom: 12,
          style: (f) =>
            new Style({
              fill: new Fill({ color: `${CLASS_COLOURS[String(f.get("dlbm") ?? "").slice(0, 2)] ?? "#cccccc"}99` }),
              stroke: new Stroke({ color: "rgba(60,60,60,0.35)", width: 0.5 }),
            }),
        }),
        new VectorLayer({
          source: baseSource("control_line", setError),
          style: (f) =>
            new Style({ stroke: new Stroke({ color: LINE_COLOURS[String(f.get("kind"))] ?? "#334155", width: 2, lineDash: [6, 4] }) }),
        }),
      );
    }
    layers.push(
      new VectorLayer({
        source: parcelSource,
        style: (f) => {
          const on = isSelected(f);
          return new Style({
            fill: new Fill({ color: on ? "rgba(180, 83, 9, 0.30)" : "rgba(29, 95, 174, 0.15)" }),
            stroke: new Stroke({ color: on ? "#b45309" : "#154b8c", width: on ? 3.5 : 2 }),
            text: label(String(f.get("label") ?? "")),
          });
        },
      }),
      new VectorLayer({
        source: overlapSource,
        style: (f) => {
          const colour = OVERLAP_KINDS[String(f.get("kind"))]?.colour ?? "#334155";
          const on = isSelected(f);
          return new Style({
            fill: new Fill({ color: `${colour}${on ? "aa" : "66"}` }),
            stroke: new Stroke({ color: colour, width: on ? 3 : 1.5 }),
          });
        },
      }),
      new VectorLayer({
        source: pointSource,
        zIndex: 10,
        style: (f) => {
          const on = isSelected(f);
          return new Style({
            image: new CircleStyle({
              radius: on ? 10 : 6,
              fill: new Fill({ color: on ? "#dc2626" : "#f97316" }),
              stroke: new Stroke({ color: "#ffffff", width: 2 }),
            }),
            text: on ? label(String(f.get("label") ?? "")) : undefined,
          });
        },
      }),
    );
    const map = new OlMap({
      target: target.current,
      layers,
      controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: "metric" })]),
      view: new View({ projection: CGCS2000, center: [104.06, 30.67], zoom: 11, maxZoom: 21 }),
    });
    const extent = parcelSource.getExtent();
    const ptsExtent = pointSource.getExtent();
    const fitTo = parcels.length ? extent : points.length ? ptsExtent : null;
    if (fitTo && Number.isFinite(fitTo[0])) map.getView().fit(fitTo, { padding: [40, 40, 40, 40], maxZoom: 18 });
    map.on("singleclick", (e) => {
      const hit = map.forEachFeatureAtPixel(e.pixel, (f) => f, {
        layerFilter: (l) => l.getSource() === parcelSource || l.getSource() === pointSource || l.getSource() === overlapSource,
      });
      const layer = hit?.get("layer") as "parcel" | "overlap" | "point" | undefined;
      onSelectRef.current?.(hit && layer ? { kind: layer, id: String(hit.get("ref")) } : null);
    });
    mapRef.current = map;
    setReady(true);
    return () => {
      map.setTarget(undefined);
      mapRef.current = null;
      sources.current = null;
    };
  }, [parcels, overlaps, points, base]);

  useEffect(() => {
    selectedRef.current = selected;
    const map = mapRef.current;
    const s = sources.current;
    if (!map || !s) return;
    for (const src of [s.parcels, s.overlaps, s.points]) src.changed();
    if (!selected) return;
    const src = selected.kind === "point" ? s.points : selected.kind === "parcel" ? s.parcels : s.overlaps;
    const geom = src.getFeatureById(`${selected.kind}:${selected.id}`)?.getGeometry();
    if (!geom) return;
    if (geom instanceof Point)
      map.getView().animate({ center: geom.getCoordinates(), zoom: Math.max(map.getView().getZoom() ?? 17, 18), duration: 250 });
    else map.getView().fit(geom.getExtent(), { padding: [48, 48, 48, 48], maxZoom: 18, duration: 250 });
  }, [selected]);

  return (
    <div className="flex flex-col gap-1">
      <div className="relative overflow-hidden rounded-md border border-slate-300 bg-white">
        {/* OpenLayers puts its zoom buttons inside: a labelled section, not role=img (no controls nested in an image). */}
        <section
          ref={target}
          aria-roledescription="地图"
          aria-label={
            aria ??
            `地图（CGCS2000 经纬度）：${parcels.length} 个地块${overlaps.length ? `、${overlaps.length} 处重叠` : ""}${points.length ? `、${points.length} 个问题点位` : ""}；详细信息见旁边的表格`
          }
          style={{ height }}
          className="w-full bg-[#f8fafc] print:h-[12cm]"
          data-testid="approval-map"
          data-ready={ready ? "true" : "false"}
          data-selected={selected ? `${selected.kind}:${selected.id}` : ""}
        />
        <p className="pointer-events-none absolute top-1 right-2 rounded bg-white/85 px-1.5 text-[11px] text-slate-800">
          坐标系：CGCS2000（EPSG:4490）{base ? " · 底层：三调地类图斑、三条控制线" : ""}
        </p>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          图层加载失败：{error}
        </p>
      ) : null}
    </div>
  );
}
