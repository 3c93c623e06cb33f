// Type declarations for the untyped libraries this folder uses (only the parts used here).

declare module "shapefile" {
  interface ShapefileFeature {
    type: "Feature";
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates?: unknown } | null;
  }
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array,
    options?: { encoding?: string },
  ): Promise<{ type: "FeatureCollection"; features: ShapefileFeature[]; bbox?: number[] }>;
}

declare module "tokml" {
  export default function tokml(
    geojson: unknown,
    options?: { name?: string; description?: string; documentName?: string; documentDescription?: string; simplestyle?: boolean },
  ): string;
}

declare module "rtree-sql.js" {
  export default function initSqlJs(config: { wasmBinary?: Uint8Array | ArrayBuffer }): Promise<unknown>;
}
