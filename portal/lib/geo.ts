import { get as getProjection } from "ol/proj";
import { register } from "ol/proj/proj4";
import proj4 from "proj4";

/** CGCS2000 geographic (China Geodetic Coordinate System 2000), the statutory datum. */
export const CGCS2000 = "EPSG:4490";
/** CGCS2000 / 3-degree Gauss-Kruger CM 105E — the projected CRS used for areas in Chengdu. */
export const CGCS2000_GK_CM105 = "EPSG:4544";

let registered = false;

/** Registers CGCS2000 definitions with proj4 and OpenLayers (idempotent). */
export function registerChinaProjections(): void {
  if (registered) return;
  proj4.defs(CGCS2000, "+proj=longlat +ellps=GRS80 +no_defs +type=crs");
  proj4.defs(CGCS2000_GK_CM105, "+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs");
  register(proj4);
  const p = getProjection(CGCS2000);
  if (p) {
    p.setExtent([-180, -90, 180, 90]);
    p.setWorldExtent([-180, -90, 180, 90]);
    p.setGlobal(true);
  }
  registered = true;
}

/** Planar area in square metres of a lon/lat ring set, computed in CGCS2000 3° GK CM105. */
export function polygonAreaM2(rings: number[][][]): number {
  registerChinaProjections();
  const toGk = proj4(CGCS2000, CGCS2000_GK_CM105);
  let total = 0;
  rings.forEach((ring, i) => {
    let s = 0;
    const pts = ring.map((c) => toGk.forward([c[0] ?? 0, c[1] ?? 0]));
    for (let k = 0; k < pts.length - 1; k++) {
      const a = pts[k];
      const b = pts[k + 1];
      if (a && b) s += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
    }
    total += (i === 0 ? 1 : -1) * Math.abs(s / 2);
  });
  return total;
}
