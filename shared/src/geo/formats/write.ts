/// <reference path="./vendor.d.ts" />
/**
 * Writers of every boundary format, from read parcels (any reader's `Parcel`s): TXT (the MNR codec),
 * Shapefile set zipped (.shp .shx .dbf .prj .cpg), GeoJSON, GeoPackage, DXF, KML, KMZ.
 * Plane formats (Shapefile, GeoPackage, DXF) carry the GK zone coordinates — Shapefile and GeoPackage
 * without zone prefix, with the zone's EPSG/WKT (4534–4554 for 3° zones); DXF with the prefix on the
 * eastings since it has no other way to say the zone. GeoJSON and KML carry CGCS2000 lon/lat.
 */
import { z } from "zod";
import { AppError } from "../../errors/app-error.ts";
import { addZonePrefix, epsgFor, type ZoneSpec } from "../crs/index.ts";
import { emptyHeader } from "../txt/header.ts";
import { type Parcel, type TxtHeader, writeBoundaryTxt } from "../txt/index.ts";
import { zoneName, zoneWkt } from "./crs.ts";
import { type DbfField, writeDbf } from "./dbf.ts";
import { parcelProperties, planeRing, polygonsOfParcel, requireGeometry, zoneOfParcel } from "./parcel-parts.ts";
import type { ParcelFormat } from "./types.ts";

export interface ParcelFileDocument {
  parcels: readonly Parcel[];
  /** TXT header to keep (when the source was a TXT); otherwise one is made from the zone. */
  header?: TxtHeader;
  /** Zone of parcels without their own. */
  zone?: ZoneSpec | null;
}

export interface WriteParcelFileOptions {
  /** Text encoding of TXT and of the Shapefile's .dbf (default: gbk for both, what Chinese desktop tools expect). */
  encoding?: "gbk" | "utf8";
  /** Name of the layer / files inside the archive (default "parcels"). */
  layerName?: string;
}

const optionsSchema = z.object({
  encoding: z.enum(["gbk", "utf8"]).optional(),
  layerName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/)
    .optional(),
});

// The writers' libraries are imported on first use (≈ 0.9 s of start-up for every `land` command and the
// portal otherwise); each writer below takes what it needs.
type DxfDrawing = new () => {
  drawPolyline(points: [number, number][], closed?: boolean): unknown;
  drawText(x: number, y: number, height: number, rotation: number, value: string, h?: string, v?: string): unknown;
  addLayer(name: string, color: number, lineType: string): unknown;
  setActiveLayer(name: string): unknown;
  setUnits(unit: string): unknown;
  toDxfString(): string;
};

async function dxfDrawing(): Promise<DxfDrawing> {
  const m = (await import("dxf-writer")) as unknown as { default?: { default?: unknown } };
  return (m.default?.default ?? m.default) as unknown as DxfDrawing;
}

async function kmlText(doc: ParcelFileDocument, layerName: string | undefined): Promise<string> {
  const tokml = (await import("tokml")).default;
  return tokml(featureCollection(doc), { name: "DKBH", documentName: layerName ?? "parcels" });
}

function firstZone(doc: ParcelFileDocument): ZoneSpec | null {
  return doc.zone ?? doc.parcels.find((p) => p.zone)?.zone ?? null;
}

function featureCollection(doc: ParcelFileDocument): { type: "FeatureCollection"; features: unknown[] } {
  return {
    type: "FeatureCollection",
    features: doc.parcels.map((p) => ({
      type: "Feature",
      properties: { 地块编号: p.number, ...parcelProperties(p) },
      geometry: requireGeometry(p),
    })),
  };
}

function txtHeader(doc: ParcelFileDocument): TxtHeader {
  if (doc.header) return doc.header;
  const zone = firstZone(doc);
  const h = emptyHeader();
  h.formatVersion = "1.0";
  h.coordinateSystem = "2000国家大地坐标系";
  h.zoneWidth = zone?.width ?? null;
  h.projection = "高斯克吕格";
  h.unit = "米";
  h.zone = zone?.zone ?? null;
  return h;
}

const DBF_FIELDS: readonly DbfField[] = [
  { name: "DKBH", type: "C", length: 40 },
  { name: "DKMC", type: "C", length: 100 },
  { name: "DLBM", type: "C", length: 10 },
  { name: "DKYT", type: "C", length: 60 },
  { name: "DKMJ", type: "N", length: 18, decimals: 4 },
  { name: "PMMJ", type: "N", length: 18, decimals: 2 },
  { name: "TQMJ", type: "N", length: 18, decimals: 2 },
];

/** Shapefile set as { name → bytes }: geometry by @mapbox/shp-write, attributes by writeDbf (GBK/UTF-8 + .cpg). */
export async function writeShapefileSet(
  doc: ParcelFileDocument,
  options: WriteParcelFileOptions = {},
): Promise<Record<string, Uint8Array>> {
  const zone = zoneOfParcel(doc.parcels[0] as Parcel, firstZone(doc));
  const geometries = doc.parcels.map((p) => {
    if (zoneOfParcel(p, zone).zone !== zone.zone) {
      throw new AppError("VALIDATION_FAILED", `parcel ${p.number} is in another zone than the first parcel`, {
        messageZh: `地块 ${p.number} 与第一个地块不在同一投影带，Shapefile 只能有一个坐标系`,
        location: { parcel: p.number },
      });
    }
    // Survey orientation (outer clockwise, holes counter-clockwise) is the Shapefile's too.
    return polygonsOfParcel(p).map((poly) => poly.map(planeRing));
  });
  const shpwrite = (await import("@mapbox/shp-write")).default;
  const files = await new Promise<{ shp: DataView; shx: DataView }>((resolve, reject) =>
    shpwrite.write(
      doc.parcels.map(() => ({})),
      "POLYGON",
      geometries,
      (err: unknown, data: { shp: DataView; shx: DataView }) => (err ? reject(err) : resolve(data)),
    ),
  );
  const encoding = options.encoding ?? "gbk";
  const name = options.layerName ?? "parcels";
  const bytes = (v: DataView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return {
    [`${name}.shp`]: bytes(files.shp),
    [`${name}.shx`]: bytes(files.shx),
    [`${name}.dbf`]: writeDbf(DBF_FIELDS, doc.parcels.map(parcelProperties), encoding),
    [`${name}.prj`]: new TextEncoder().encode(zoneWkt(zone)),
    [`${name}.cpg`]: new TextEncoder().encode(encoding === "gbk" ? "GBK" : "UTF-8"),
  };
}

async function zipOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const JSZip = (await import("jszip")).default;
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date: new Date(Date.UTC(2020, 0, 1)) });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function writeGeoPackage(doc: ParcelFileDocument, options: WriteParcelFileOptions): Promise<Uint8Array> {
  const zone = zoneOfParcel(doc.parcels[0] as Parcel, firstZone(doc));
  const epsg = epsgFor(zone);
  const table = options.layerName ?? "parcels";
  const { BoundingBox, GeometryColumns, GeometryData, SpatialReferenceSystem } = await import("@ngageoint/geopackage");
  const wkx = (await import("wkx")).default;
  const gp = await (await import("./gpkg-context.ts")).createGeoPackage();
  try {
    const srs = new SpatialReferenceSystem();
    srs.srs_name = zoneName(zone);
    srs.srs_id = epsg;
    srs.organization = "EPSG";
    srs.organization_coordsys_id = epsg;
    srs.definition = zoneWkt(zone);
    srs.description = "CGCS2000 Gauss-Kruger";
    gp.createSpatialReferenceSystem(srs);
    const gc = new GeometryColumns();
    gc.table_name = table;
    gc.column_name = "geom";
    gc.geometry_type_name = "MULTIPOLYGON";
    gc.z = 0;
    gc.m = 0;
    gc.srs_id = epsg;
    const rings = doc.parcels.flatMap((p) => polygonsOfParcel(p).flatMap((poly) => poly.map(planeRing)));
    const xs = rings.flatMap((r) => r.map((c) => c[0]));
    const ys = rings.flatMap((r) => r.map((c) => c[1]));
    // Column names stay ASCII: the library binds parameters by name and turns non-word characters into "_".
    const columns = [
      { name: "DKBH", dataType: "TEXT" },
      { name: "DKMC", dataType: "TEXT" },
      { name: "DLBM", dataType: "TEXT" },
      { name: "DKYT", dataType: "TEXT" },
      { name: "DKMJ", dataType: "DOUBLE" },
      { name: "PMMJ", dataType: "DOUBLE" },
      { name: "TQMJ", dataType: "DOUBLE" },
    ];
    gp.createFeatureTable(table, gc, columns, new BoundingBox(Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)), epsg);
    const dao = gp.getFeatureDao(table);
    for (const p of doc.parcels) {
      const row = dao.newRow();
      const data = new GeometryData();
      data.setSrsId(epsg);
      // OGC/GeoPackage readers expect outer rings counter-clockwise: the survey rings reversed.
      const coordinates = polygonsOfParcel(p).map((poly) => poly.map((r) => planeRing(r).reverse()));
      data.setGeometry(wkx.Geometry.parseGeoJSON({ type: "MultiPolygon", coordinates }));
      row.geometry = data;
      // sql.js refuses to bind undefined: the primary key is left to SQLite as NULL.
      (row.values as Record<string, unknown>).fid = null;
      for (const k of dao.idColumns) (row.values as Record<string, unknown>)[k] = null;
      for (const [k, v] of Object.entries(parcelProperties(p))) row.setValueWithColumnName(k, v);
      dao.create(row);
    }
    return new Uint8Array(await gp.export());
  } finally {
    gp.close();
  }
}

function interiorPoint(p: Parcel): [number, number] {
  // Scanline through the middle of the first part: the midpoint of the widest inside span is inside the polygon, holes included.
  const poly = (polygonsOfParcel(p)[0] ?? []).map(planeRing);
  const outer = poly[0] ?? [];
  const ys = outer.map((c) => c[1]);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2 + 1e-7;
  const xs: number[] = [];
  for (const ring of poly)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i] as [number, number];
      const [x2, y2] = ring[i + 1] as [number, number];
      if (y1 <= y !== y2 <= y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  xs.sort((a, b) => a - b);
  let best: [number, number] = [outer[0]?.[0] ?? 0, outer[0]?.[1] ?? 0];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const a = xs[i] as number;
    const b = xs[i + 1] as number;
    if (b - a > width) {
      width = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}

async function writeDxf(doc: ParcelFileDocument): Promise<Uint8Array> {
  const d = new (await dxfDrawing())();
  d.setUnits("Meters");
  d.addLayer("PARCEL", 7, "CONTINUOUS");
  d.addLayer("PARCEL_NO", 3, "CONTINUOUS");
  for (const p of doc.parcels) {
    const zone = zoneOfParcel(p, firstZone(doc));
    d.setActiveLayer("PARCEL");
    for (const poly of polygonsOfParcel(p))
      for (const r of poly) {
        const ring = planeRing(r).slice(0, -1);
        d.drawPolyline(
          ring.map(([e, n]) => [addZonePrefix(e, zone.zone), n]),
          true,
        );
      }
    // One label per part, so that multipart parcels come back as one parcel.
    d.setActiveLayer("PARCEL_NO");
    const [e, n] = interiorPoint(p);
    d.drawText(addZonePrefix(e, zone.zone), n, 2, 0, p.number);
    for (const poly of polygonsOfParcel(p).slice(1)) {
      const [pe, pn] = interiorPoint({ ...p, rings: poly });
      d.drawText(addZonePrefix(pe, zone.zone), pn, 2, 0, p.number);
    }
  }
  return new TextEncoder().encode(d.toDxfString());
}

/** Writes parcels in `format`; the result is the file's bytes (a zip for "shp" and "kmz"). */
export async function writeParcelFile(
  format: ParcelFormat,
  doc: ParcelFileDocument,
  options: WriteParcelFileOptions = {},
): Promise<Uint8Array> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `writeParcelFile options: ${parsed.error.message}`, {
      messageZh: "写出地块边界文件的参数无效",
      details: parsed.error.issues,
    });
  }
  if (doc.parcels.length === 0) {
    throw new AppError("VALIDATION_FAILED", "writeParcelFile: no parcels", {
      messageZh: "没有可写出的地块",
      location: { field: "parcels" },
    });
  }
  const o = parsed.data as WriteParcelFileOptions;
  switch (format) {
    case "txt":
      return writeBoundaryTxt({ header: txtHeader(doc), parcels: doc.parcels }, { encoding: o.encoding ?? "gbk" });
    case "shp":
      return zipOf(await writeShapefileSet(doc, o));
    case "geojson":
      return new TextEncoder().encode(`${JSON.stringify(featureCollection(doc), null, 1)}\n`);
    case "kml":
      return new TextEncoder().encode(await kmlText(doc, o.layerName));
    case "kmz":
      return zipOf({ "doc.kml": await kmlText(doc, o.layerName) });
    case "gpkg":
      return writeGeoPackage(doc, o);
    case "dxf":
      return writeDxf(doc);
  }
}
