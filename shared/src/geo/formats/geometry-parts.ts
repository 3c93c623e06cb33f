/** GeoJSON-like geometry objects (as GeoJSON, togeojson, wkx and shapefile produce them) → polygons of a SourceFeature. */
import type { Position } from "./features.ts";

export interface GeometryLike {
  type?: unknown;
  coordinates?: unknown;
  geometries?: unknown;
}

/** Polygons of a (Multi)Polygon or a GeometryCollection of them; `notPolygon` names the first other geometry type found. */
export function polygonsOf(geometry: GeometryLike | null | undefined): { polygons: Position[][][] | null; notPolygon: string } {
  if (!geometry || typeof geometry !== "object") return { polygons: null, notPolygon: "" };
  const type = String(geometry.type ?? "");
  if (type === "Polygon") return { polygons: [geometry.coordinates as Position[][]], notPolygon: "" };
  if (type === "MultiPolygon") return { polygons: geometry.coordinates as Position[][][], notPolygon: "" };
  if (type === "GeometryCollection" && Array.isArray(geometry.geometries)) {
    const polygons: Position[][][] = [];
    for (const g of geometry.geometries as GeometryLike[]) {
      const part = polygonsOf(g);
      if (part.notPolygon !== "") return part;
      polygons.push(...(part.polygons ?? []));
    }
    return { polygons: polygons.length > 0 ? polygons : null, notPolygon: "" };
  }
  return { polygons: null, notPolygon: type || "unknown" };
}
