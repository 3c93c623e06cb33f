// importBoundarySurvey with the non-TXT boundary formats (dispatch by file name): same checks, same rows as a TXT.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { fixtureFile } from "../geo/formats/test-fixtures.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { importBoundarySurvey, registerBatch } from "./index.ts";

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
let n = 0;

const newBatch = async (): Promise<string> =>
  (
    await registerBatch(t.db, {
      batchNo: `F-2021-${String(++n).padStart(3, "0")}`,
      name: `成都市格式导入测试批次${n}`,
      landUseType: "urban_batch",
      divisionCode: "510112",
      planYear: 2021,
      actor: "tester",
      at: "2021-03-01T09:00:00+08:00",
    })
  ).id;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-formats-"));
  storage = new LocalFileStorage(dir);
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("importBoundarySurvey takes every boundary format", () => {
  const cases: [string, string][] = [
    ["parcels-zone35.zip", "application/zip"],
    ["parcels.geojson", "application/geo+json"],
    ["parcels.gpkg", "application/geopackage+sqlite3"],
    ["parcels.dxf", "image/vnd.dxf"],
    ["parcels.kml", "application/vnd.google-earth.kml+xml"],
  ];
  for (const [name, mediaType] of cases) {
    it(name, async () => {
      const batchId = await newBatch();
      const { bytes } = fixtureFile(name);
      const r = await importBoundarySurvey(t.db, {
        batchId,
        bytes,
        fileName: name,
        storage,
        actor: "a",
        surveyor: "四川省某测绘有限公司",
        surveyDate: "2023-05-12",
      });
      expect(r.parcels.map((p) => [p.parcelNo, p.planeAreaM2])).toEqual([
        ["1", 21008.21],
        ["2", 12821.4],
        ["3", 31800],
      ]);
      expect(r.totalAreaHa).toBe(6.563);
      const q = await t.db.query<{ n: number; pts: number; valid: boolean; epsg: number; media: string; zone: number }>(
        `SELECT count(*)::int AS n, (SELECT count(*)::int FROM boundary_point bp JOIN parcel q ON q.id = bp.parcel_id WHERE q.batch_id = $1) AS pts,
                bool_and(ST_IsValid(geom)) AS valid, min(zone_epsg) AS epsg,
                (SELECT a.media_type FROM attachment a WHERE a.id = $2) AS media,
                (SELECT s.zone FROM boundary_survey s WHERE s.batch_id = $1) AS zone
           FROM parcel WHERE batch_id = $1`,
        [batchId, r.attachmentId],
      );
      expect(q.rows[0]).toEqual({ n: 3, pts: 21, valid: true, epsg: 4544, media: mediaType, zone: 35 });
    });
  }

  it("refuses a file with errors, located by feature and line, storing nothing", async () => {
    const batchId = await newBatch();
    const { bytes } = fixtureFile("bowtie.geojson");
    const e = await importBoundarySurvey(t.db, {
      batchId,
      bytes,
      fileName: "bowtie.geojson",
      storage,
      actor: "a",
      surveyor: "x",
      surveyDate: "2023-05-12",
    }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(isAppError(e)).toBe(true);
    expect((e as AppError).location).toMatchObject({ file: "bowtie.geojson", feature: 2, line: 45, parcel: "X1" });
    expect((e as AppError).messageZh).toContain("第 2 个要素（第 45 行） 地块 X1");
    const parcels = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM parcel WHERE batch_id = $1", [batchId]);
    expect(parcels.rows[0]?.n).toBe(0);
  });
});
