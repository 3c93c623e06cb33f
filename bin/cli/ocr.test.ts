import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyPdf, syntheticReply } from "../../ocr/src/testing/synthetic.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "land-cli-ocr-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function land(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", LAND_DATA_DIR: path.join(dir, "data"), NODE_ENV: "development", ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Extracted {
  ok: boolean;
  kind: string;
  pages: number;
  ocrPages: number;
  docNumbers: string[];
  dates: string[];
  areas: { value: number; unit: string; m2: number }[];
  places: string[];
  confidence: number;
  text: string;
}

// Each run starts the whole CLI; on a loaded shared machine that alone takes seconds.
describe("land ocr extract", { timeout: 180_000 }, () => {
  const replies = [syntheticReply(1), syntheticReply(2)];
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, "reply.pdf"), await replyPdf(replies));
  });

  it("reads a text PDF without OCR: one JSON document on stdout, progress on stderr, exit 0", () => {
    const r = land(["ocr", "extract", "reply.pdf", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Extracted;
    expect(doc).toMatchObject({ ok: true, kind: "pdf", pages: 2, ocrPages: 0, confidence: 100 });
    expect(doc.docNumbers).toEqual(replies.map((x) => x.docNumber));
    expect(doc.dates).toEqual(expect.arrayContaining(replies.map((x) => x.approvedOn)));
    expect(doc.areas).toEqual(
      expect.arrayContaining([{ value: replies[0]?.areaHa, unit: "公顷", m2: Math.round((replies[0]?.areaHa ?? 0) * 10_000), page: 1 }]),
    );
    expect(doc.places).toEqual(expect.arrayContaining(replies.flatMap((x) => x.places)));
    expect(r.stderr).toContain("识别 reading 2/2");
  });

  it("normalises any bracket form to 〔〕 in a text file", () => {
    fs.writeFileSync(path.join(dir, "note.txt"), "依据川府土[2023]456号、国函（2022）12号，征收青龙村土地一百二十亩。二〇二三年五月六日");
    const doc = JSON.parse(land(["ocr", "extract", "note.txt", "--json"]).stdout) as Extracted;
    expect(doc).toMatchObject({
      kind: "text",
      docNumbers: ["川府土〔2023〕456号", "国函〔2022〕12号"],
      dates: ["2023-05-06"],
      areas: [{ value: 120, unit: "亩", m2: 80_000, page: 1 }],
      places: ["青龙村"],
    });
  });

  it("prints a human summary on stderr without --json", () => {
    const r = land(["ocr", "extract", "note.txt"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("批准文号 doc numbers: 川府土〔2023〕456号、国函〔2022〕12号");
  });

  it("exits 1 on unreadable input and on bad options", () => {
    const missing = land(["ocr", "extract", "nope.pdf", "--json"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", location: { file: "nope.pdf" } } });
    const badEngine = land(["ocr", "extract", "note.txt", "--engine", "gpu", "--json"]);
    expect(badEngine.code).toBe(1);
    expect(JSON.parse(badEngine.stdout)).toMatchObject({ ok: false, error: { location: { option: "--engine" } } });
  });

  it("exits 1 naming the apt package when an image needs OCR and chi_sim is missing", () => {
    fs.writeFileSync(path.join(dir, "scan.png"), Buffer.from("89504e470d0a1a0a", "hex"));
    const noData = land(["ocr", "extract", "scan.png", "--json"], { LAND_TESSDATA: path.join(dir, "no-tessdata") });
    expect(noData.code).toBe(1);
    expect((JSON.parse(noData.stdout) as { error: { messageZh: string } }).error.messageZh).toContain("tesseract-ocr-chi-sim");
  });
});
