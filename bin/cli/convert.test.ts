import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "shared/src/geo/formats/fixtures");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "land-convert-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real `land` binary as an operator would. */
function land(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", TEST_DATABASE_URL: "", LAND_DATA_DIR: dir, NODE_ENV: "development" },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ConvertDoc {
  ok: boolean;
  from: string;
  to: string;
  files: string[];
  epsg: number;
  parcels: { number: string; planeAreaM2: number }[];
  issues: { code: string; severity: string; feature?: number; line: number; parcel?: string }[];
}

// Spawns processes / opens databases: generous on a busy shared machine (no timing is asserted).
describe("land convert", { timeout: 300_000 }, () => {
  it("GeoJSON → Shapefile set (.shp beside .shx .dbf .prj .cpg) → TXT, areas kept", () => {
    const shp = path.join(dir, "dk.shp");
    const a = land(["convert", path.join(FIXTURES, "parcels.geojson"), shp, "--json"]);
    expect(a.code, a.stderr).toBe(0);
    const doc = JSON.parse(a.stdout) as ConvertDoc;
    expect(doc).toMatchObject({ ok: true, from: "geojson", to: "shp", epsg: 4544 });
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith("dk."))
        .sort(),
    ).toEqual(["dk.cpg", "dk.dbf", "dk.prj", "dk.shp", "dk.shx"]);
    const txt = path.join(dir, "dk.txt");
    const b = land(["convert", shp, txt, "--encoding", "utf8", "--json"]);
    expect(b.code, b.stderr).toBe(0);
    const back = JSON.parse(b.stdout) as ConvertDoc;
    expect(back.parcels.map((p) => p.planeAreaM2.toFixed(2))).toEqual(["21008.21", "12821.40", "31800.00"]);
    expect(fs.readFileSync(txt, "utf8")).toMatch(/^\[属性描述\]/);
  });

  it("human output on stderr, nothing on stdout", () => {
    const r = land(["convert", path.join(FIXTURES, "base.txt"), path.join(dir, "out.kml")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("平面 21008.21 m²");
    expect(fs.readFileSync(path.join(dir, "out.kml"), "utf8")).toContain("<kml");
  });

  it("input with errors: exit 1, every problem located, OUT not written", () => {
    const out = path.join(dir, "bad.gpkg");
    const r = land(["convert", path.join(FIXTURES, "bowtie.kml"), out, "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as ConvertDoc;
    expect(doc.ok).toBe(false);
    expect(doc.issues).toContainEqual(
      expect.objectContaining({ code: "TXT_SELF_INTERSECTION", severity: "error", feature: 2, line: 10, parcel: "X1" }),
    );
    expect(fs.existsSync(out)).toBe(false);
    const human = land(["convert", path.join(FIXTURES, "bowtie.dxf"), out]);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/\[TXT_SELF_INTERSECTION\] bowtie\.dxf:5 {2}要素 1 {2}地块 X1 {2}点 J1/);
  });

  it("DXF needs --zone when its eastings carry no prefix", () => {
    const plain = path.join(dir, "plain.dxf");
    fs.writeFileSync(
      plain,
      fs.readFileSync(path.join(FIXTURES, "parcels.dxf"), "utf8").replace(/\n35(\d{6}(\.\d+)?)\r?\n/g, (m, e) => m.replace(`35${e}`, e)),
    );
    expect(land(["convert", plain, path.join(dir, "plain.geojson")]).code).toBe(1);
    const r = land(["convert", plain, path.join(dir, "plain.geojson"), "--zone", "35", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as ConvertDoc).epsg).toBe(4544);
  });

  it("usage errors exit 2: bad --zone, bad --encoding, unsupported extension", () => {
    const src = path.join(FIXTURES, "parcels.geojson");
    expect(land(["convert", src, path.join(dir, "x.gpkg"), "--zone", "99"]).code).toBe(2);
    expect(land(["convert", src, path.join(dir, "x.gpkg"), "--encoding", "big5"]).code).toBe(2);
    const r = land(["convert", src, path.join(dir, "x.xlsx"), "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });
});
