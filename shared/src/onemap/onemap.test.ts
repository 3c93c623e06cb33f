import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { controlLinesByKind, featuresInBox, landUseByClass } from "./repository.ts";

describe("一张图 layers", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
    await t.db.exec(`
      INSERT INTO land_use_patch (bsm, dlbm, dlmc, qsxz, zldwdm, tbmj, division_code, geom) VALUES
        ('510116000000000001', '0101', '水田', '30', '510116101201', 1000.50, '510116', ST_Multi(ST_GeomFromText('POLYGON((104.00 30.60, 104.01 30.60, 104.01 30.61, 104.00 30.60))', 4490))),
        ('510116000000000002', '0101', '水田', '30', '510116101201', 2000.25, '510116', ST_Multi(ST_GeomFromText('POLYGON((104.01 30.60, 104.02 30.60, 104.02 30.61, 104.01 30.60))', 4490))),
        ('510116000000000003', '0702', '农村宅基地', '30', '510116101201', 300.00, '510116', ST_Multi(ST_GeomFromText('POLYGON((104.00 30.61, 104.01 30.61, 104.00 30.62, 104.00 30.61))', 4490)));
      INSERT INTO control_line (kind, name, division_code, geom) VALUES
        ('basic_farmland', '示例永久基本农田', '510116', ST_Multi(ST_GeomFromText('POLYGON((104.00 30.60, 104.02 30.60, 104.02 30.61, 104.00 30.60))', 4490)));`);
  });
  afterAll(() => t.drop());

  it("sums land use by class", async () => {
    expect(await landUseByClass(t.db)).toEqual([
      { dlbm: "0101", dlmc: "水田", patches: 2, areaM2: 3000.75 },
      { dlbm: "0702", dlmc: "农村宅基地", patches: 1, areaM2: 300 },
    ]);
  });

  it("sums control lines by kind with their ellipsoidal area", async () => {
    const [row] = await controlLinesByKind(t.db);
    expect(row?.kind).toBe("basic_farmland");
    // Half of a 0.02° × 0.01° box at 30.6°N ≈ 0.5 × 1916 m × 1109 m.
    expect(row?.areaM2).toBeGreaterThan(1.0e6);
    expect(row?.areaM2).toBeLessThan(1.2e6);
  });

  it("serves the features of a box as GeoJSON, dropping what is too small to see", async () => {
    const box = { west: 103.99, south: 30.59, east: 104.03, north: 30.63 };
    const fine = JSON.parse(await featuresInBox(t.db, "land_use", box, 1e-5)) as { features: { properties: { dlbm: string } }[] };
    expect(fine.features.map((f) => f.properties.dlbm).sort()).toEqual(["0101", "0101", "0702"]);
    // At ~0.01° per pixel the 0.005 deg² triangles are smaller than 4 pixels: nothing to draw.
    expect(JSON.parse(await featuresInBox(t.db, "land_use", box, 0.05)).features).toEqual([]);
    const elsewhere = JSON.parse(await featuresInBox(t.db, "land_use", { west: 100, south: 28, east: 100.1, north: 28.1 }, 1e-5));
    expect(elsewhere).toEqual({ type: "FeatureCollection", features: [] });
  });
});
