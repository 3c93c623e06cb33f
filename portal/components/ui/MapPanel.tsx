"use client";

import "ol/ol.css";
import { defaults as defaultControls, ScaleLine } from "ol/control";
import type Feature from "ol/Feature";
import GeoJSON from "ol/format/GeoJSON";
import type { Geometry, MultiPolygon, Polygon } from "ol/geom";
import Graticule from "ol/layer/Graticule";
import TileLayer from "ol/layer/Tile";
import VectorLayer from "ol/layer/Vector";
import OlMap from "ol/Map";
import VectorSource from "ol/source/Vector";
import XYZ from "ol/source/XYZ";
import { Fill, Stroke, Style, Text } from "ol/style";
import View from "ol/View";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { CGCS2000, polygonAreaM2, registerChinaProjections } from "../../lib/geo.ts";

export interface GeoJsonFeature {
  type: "Feature";
  id?: string | number;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> | null;
}

export interface GeoJsonFeatureCollection {
  type: "FeatureCollection";
  features: GeoJsonFeature[];
}

export interface MapColumn {
  key: string;
  label: string;
}

export interface MapPanelProps {
  /** Features in CGCS2000 (EPSG:4490) longitude/latitude. */
  data: GeoJsonFeatureCollection;
  columns: MapColumn[];
  /** Property used as the row key and feature label. */
  idKey?: string;
  labelKey?: string;
  title?: string;
  height?: number;
  /** Colour features by a property (e.g. a status); the table shows the same property, so colour is never the only cue. */
  colorKey?: string;
  colors?: Record<string, string>;
  /**
   * Optional base map: an XYZ tile address with {z}/{x}/{y} (e.g. 天地图 with its key), reprojected to
   * CGCS2000 by OpenLayers. Without it (the offline default) the map draws on a graticule only.
   */
  tileUrl?: string;
}

/** "#rrggbb" → "rgba(r, g, b, a)". */
const withAlpha = (hex: string, a: number) =>
  `rgba(${Number.parseInt(hex.slice(1, 3), 16)}, ${Number.parseInt(hex.slice(3, 5), 16)}, ${Number.parseInt(hex.slice(5, 7), 16)}, ${a})`;

const baseStyle = (label: string, selected: boolean, color?: string) =>
  new Style({
    fill: new Fill({ color: selected ? "rgba(180, 83, 9, 0.35)" : color ? withAlpha(color, 0.3) : "rgba(29, 95, 174, 0.2)" }),
    stroke: new Stroke({ color: selected ? "#b45309" : (color ?? "#154b8c"), width: selected ? 3 : 2 }),
    text: new Text({
      text: label,
      font: '600 13px "Noto Sans CJK SC", sans-serif',
      fill: new Fill({ color: "#0f172a" }),
      stroke: new Stroke({ color: "#ffffff", width: 3 }),
      overflow: true,
    }),
  });

function areaHa(f: GeoJsonFeature): number | null {
  const g = f.geometry;
  if (g.type === "Polygon") return polygonAreaM2(g.coordinates as number[][][]) / 10_000;
  if (g.type === "MultiPolygon") return (g.coordinates as number[][][][]).reduce((s, p) => s + polygonAreaM2(p), 0) / 10_000;
  return null;
}

/**
 * OpenLayers map in CGCS2000 (EPSG:4490, registered through proj4) that needs no base map:
 * it draws the given GeoJSON over a lon/lat graticule, with an attribute table beside it.
 * The table is the accessible equivalent of the map; selecting a row highlights and zooms to
 * its feature, clicking a feature selects its row.
 */
export function MapPanel({
  data,
  columns,
  idKey = "id",
  labelKey = "name",
  title = "图斑",
  height = 420,
  colorKey,
  colors,
  tileUrl,
}: MapPanelProps) {
  const mapEl = useRef<HTMLElement>(null);
  const mapRef = useRef<OlMap | null>(null);
  const sourceRef = useRef<VectorSource<Feature<Geometry>> | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const captionId = useId();

  const rows = useMemo(
    () =>
      data.features.map((f, i) => {
        const props = f.properties ?? {};
        const id = String(props[idKey] ?? f.id ?? i + 1);
        return { id, label: String(props[labelKey] ?? id), props, areaHa: areaHa(f) };
      }),
    [data, idKey, labelKey],
  );

  // Build the map once per data set.
  useEffect(() => {
    registerChinaProjections();
    if (!mapEl.current) return;
    const features = new GeoJSON().readFeatures(data, {
      dataProjection: CGCS2000,
      featureProjection: CGCS2000,
    }) as Feature<Geometry>[];
    features.forEach((f, i) => {
      const props = f.getProperties();
      f.setId(String(props[idKey] ?? data.features[i]?.id ?? i + 1));
    });
    const source = new VectorSource<Feature<Geometry>>({ features });
    sourceRef.current = source;
    const layer = new VectorLayer({
      source,
      style: (f) =>
        baseStyle(
          String(f.get(labelKey) ?? f.getId() ?? ""),
          f.get("__selected") === true,
          colorKey && colors ? colors[String(f.get(colorKey))] : undefined,
        ),
    });
    const map = new OlMap({
      target: mapEl.current,
      layers: [
        ...(tileUrl ? [new TileLayer({ source: new XYZ({ url: tileUrl, crossOrigin: "anonymous" }) })] : []),
        new Graticule({
          strokeStyle: new Stroke({ color: "rgba(71, 85, 105, 0.35)", width: 1, lineDash: [2, 4] }),
          showLabels: true,
          wrapX: false,
        }),
        layer,
      ],
      controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: "metric" })]),
      view: new View({ projection: CGCS2000, center: [104.06, 30.67], zoom: 10 }),
    });
    const extent = source.getExtent();
    if (extent && features.length && Number.isFinite(extent[0])) {
      map.getView().fit(extent, { padding: [32, 32, 32, 32], maxZoom: 16 });
    }
    map.on("singleclick", (evt) => {
      const hit = map.forEachFeatureAtPixel(evt.pixel, (f) => f, { layerFilter: (l) => l === layer });
      setSelected(hit ? String(hit.getId()) : null);
    });
    mapRef.current = map;
    setReady(true);
    return () => {
      map.setTarget(undefined);
      mapRef.current = null;
      sourceRef.current = null;
    };
  }, [data, idKey, labelKey, colorKey, colors, tileUrl]);

  // Reflect the selection on the map and zoom to it.
  useEffect(() => {
    const source = sourceRef.current;
    const map = mapRef.current;
    if (!source || !map) return;
    for (const f of source.getFeatures()) f.set("__selected", String(f.getId()) === selected);
    if (selected) {
      const f = source.getFeatureById(selected);
      const geom = f?.getGeometry() as Polygon | MultiPolygon | undefined;
      if (geom) map.getView().fit(geom.getExtent(), { padding: [48, 48, 48, 48], maxZoom: 16, duration: 250 });
      document.getElementById(`${captionId}-row-${selected}`)?.scrollIntoView({ block: "nearest" });
    }
  }, [selected, captionId]);

  return (
    <section className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(22rem,26rem)]" aria-label={`${title}地图`}>
      <div className="relative overflow-hidden rounded-md border border-slate-300 bg-white">
        {/* OpenLayers puts its zoom buttons inside: a labelled section, not role=img (no controls nested in an image). */}
        <section
          ref={mapEl}
          aria-roledescription="地图"
          aria-label={`${title}地图（CGCS2000 经纬度），共 ${rows.length} 个图斑；详细信息见右侧表格`}
          style={{ height }}
          className="w-full bg-[#f8fafc] print:h-[12cm]"
          data-testid="map-panel"
          data-ready={ready ? "true" : "false"}
        />
        <p className="pointer-events-none absolute top-1 right-2 rounded bg-white/85 px-1.5 text-[11px] text-slate-800">
          坐标系：CGCS2000（EPSG:4490）· 无底图
        </p>
        {colors ? (
          <ul
            className="absolute bottom-1 left-2 flex flex-wrap gap-x-3 rounded bg-white/90 px-2 py-1 text-[11px] text-slate-800"
            aria-label="图例"
          >
            {Object.entries(colors).map(([name, color]) => (
              <li key={name} className="flex items-center gap-1">
                <span
                  aria-hidden="true"
                  className="inline-block h-2.5 w-2.5 rounded-sm border"
                  style={{ background: withAlpha(color, 0.5), borderColor: color }}
                />
                {name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="overflow-auto rounded-md border border-slate-300 bg-white" style={{ maxHeight: height }}>
        <table className="w-full text-sm">
          <caption id={captionId} className="px-3 py-2 text-left font-semibold text-slate-800">
            {title}列表（{rows.length}）
          </caption>
          <thead className="sticky top-0 bg-slate-100 text-left text-slate-800">
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="whitespace-nowrap px-2 py-2 font-medium">
                  {c.label}
                </th>
              ))}
              <th scope="col" className="whitespace-nowrap px-2 py-2 text-right font-medium">
                面积（公顷）
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                id={`${captionId}-row-${r.id}`}
                aria-selected={selected === r.id}
                className={`border-t border-slate-200 ${selected === r.id ? "bg-amber-50" : ""}`}
              >
                {columns.map((c) => (
                  <td key={c.key} className="px-2 py-2 text-slate-800">
                    {String(r.props[c.key] ?? "—")}
                  </td>
                ))}
                <td className="px-2 py-2 text-right tabular-nums text-slate-800">{r.areaHa === null ? "—" : r.areaHa.toFixed(2)}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <button
                    type="button"
                    onClick={() => setSelected(selected === r.id ? null : r.id)}
                    aria-pressed={selected === r.id}
                    className="no-print rounded border border-slate-400 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-100"
                  >
                    {selected === r.id ? "取消定位" : "定位"}
                    <span className="sr-only">：{r.label}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
