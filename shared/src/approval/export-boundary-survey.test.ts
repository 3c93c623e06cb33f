// TXT → DB → TXT: every fixture the reader accepts is imported into its own batch, exported again and
// read back; parcels, rings, 点号, coordinates, areas and the survey header must mean the same.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { isAppError } from "../errors/app-error.ts";
import { type Parcel, readBoundaryTxt } from "../geo/txt/index.ts";
import { fixtureBytes, fixtureNames } from "../geo/txt/test-fixtures.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { exportBoundarySurveyTxt, loadBoundarySurvey } from "./export-boundary-survey.ts";
import { importBoundarySurvey, parseSurveyDate } from "./import-boundary-survey.ts";
import { registerBatch } from "./register-batch.ts";

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-export-"));
  storage = new LocalFileStorage(dir);
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

const accepted = fixtureNames().filter((n) => readBoundaryTxt(fixtureBytes(n), { fileName: n }).ok);

function meaning(p: Parcel) {
  return {
    number: p.number,
    name: p.name,
    use: p.use,
    landClass: p.landClass.trim().toUpperCase(),
    declaredAreaHa: p.declaredAreaHa === null ? null : Math.round(p.declaredAreaHa * 1e4) / 1e4,
    rings: p.rings.map((r) => ({
      ringNumber: r.ringNumber,
      role: r.role,
      parent: r.parent,
      points: r.points.map((pt) => `${pt.label} ${pt.x.toFixed(3)} ${pt.y.toFixed(3)}`),
    })),
  };
}

describe("TXT → DB → TXT", () => {
  it("has fixtures the reader accepts", () => {
    expect(accepted.length).toBeGreaterThanOrEqual(10);
  });

  accepted.forEach((name, k) => {
    it(name, async () => {
      const batchId = (
        await registerBatch(t.db, {
          batchNo: `RT-2026-${String(k + 1).padStart(3, "0")}`,
          name: `往返测试批次 ${name}`,
          landUseType: "urban_batch",
          divisionCode: "510112",
          planYear: 2026,
          actor: "tester",
        })
      ).id;
      const original = readBoundaryTxt(fixtureBytes(name), { fileName: name });
      await importBoundarySurvey(t.db, {
        batchId,
        fileName: name,
        bytes: fixtureBytes(name),
        storage,
        actor: "tester",
        surveyor: "测试测绘院",
        surveyDate: "2026-11-27",
      });
      const again = readBoundaryTxt(await exportBoundarySurveyTxt(t.db, { batchId }), { fileName: "export.txt" });
      expect(again.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(again.zone).toEqual(original.zone);
      expect(again.header.producer).toBe(original.header.producer.trim() || "测试测绘院");
      expect(again.header.producedOn).toBe(parseSurveyDate(original.header.producedOn) ?? "2026-11-27");
      expect(again.parcels.map(meaning).sort((a, b) => a.number.localeCompare(b.number))).toEqual(
        original.parcels.map(meaning).sort((a, b) => a.number.localeCompare(b.number)),
      );
      for (const p of original.parcels) {
        const q = again.parcels.find((x) => x.number === p.number);
        expect(Math.abs((q?.planeAreaM2 ?? 0) - (p.planeAreaM2 ?? 0))).toBeLessThan(1e-3);
        expect(Math.abs((q?.ellipsoidalAreaM2 ?? 0) - (p.ellipsoidalAreaM2 ?? 0))).toBeLessThan(1e-3);
      }
    });
  });

  it("refuses a batch without a survey, and an unknown batch", async () => {
    const { id } = await registerBatch(t.db, {
      batchNo: "RT-2026-EMPTY",
      name: "无勘测定界成果的批次",
      landUseType: "urban_batch",
      divisionCode: "510112",
      planYear: 2026,
      actor: "tester",
    });
    const e1 = await loadBoundarySurvey(t.db, { batchId: id }).catch((e: unknown) => e);
    expect(isAppError(e1) && e1.code).toBe("NOT_FOUND");
    const e2 = await loadBoundarySurvey(t.db, { batchId: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(isAppError(e2) && e2.code).toBe("NOT_FOUND");
  });
});
