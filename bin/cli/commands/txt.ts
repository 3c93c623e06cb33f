import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError, type BoundaryTxtReadResult, readBoundaryTxt, type TxtIssue } from "@land/shared";
import { EXIT, log, printJson, reportError } from "../output.ts";

const f2 = (v: number | null): string => (v === null ? "—" : v.toFixed(2));
const f4 = (v: number | null): string => (v === null ? "—" : v.toFixed(4));

function issueLine(i: TxtIssue): string {
  const where = [
    `${i.file}:${i.line}`,
    i.parcel === undefined ? null : `地块 ${i.parcel}`,
    i.point === undefined ? null : `点 ${i.point}`,
    i.location ? `X=${i.location.x.toFixed(3)} Y=${i.location.y.toFixed(3)}` : null,
  ]
    .filter((s) => s !== null)
    .join("  ");
  return `${i.severity === "error" ? "✗ 错误" : "⚠ 警告"} [${i.code}] ${where}\n    ${i.messageZh}\n    ${i.message}`;
}

function printHuman(r: BoundaryTxtReadResult): void {
  const h = r.header;
  log(`文件 file: ${r.file}（${r.encoding === "gbk" ? "GBK" : "UTF-8"}${r.bom ? " BOM" : ""}，${r.lineEnding.toUpperCase()}）`);
  log("属性描述 header:");
  const rows: [string, string][] = [
    ["格式版本号", h.formatVersion],
    ["数据产生单位", h.producer],
    ["数据产生日期", h.producedOn],
    ["坐标系", h.coordinateSystem],
    ["几度分带", h.zoneWidth === null ? "" : String(h.zoneWidth)],
    ["投影类型", h.projection],
    ["计量单位", h.unit],
    ["带号", h.zone === null ? "" : String(h.zone)],
    ["精度", h.precision],
    ["转换参数", h.transformParameters],
    ...h.extra,
  ];
  for (const [k, v] of rows) log(`  ${k}=${v}`);
  log(
    `投影带 zone: ${r.zone ? `${r.zone.width}° 第 ${r.zone.zone} 带, EPSG:${r.epsg}` : "未知 unknown"}${r.prefixedY ? "（Y 含带号前缀）" : ""}`,
  );
  log(`地块 parcels: ${r.parcels.length}`);
  log("  编号\t名称\t点数\t圈数\t申报面积(公顷)\t平面面积(m²)\t平面面积(公顷)\t椭球面积(m²)");
  for (const p of r.parcels) {
    const points = p.rings.reduce((s, ring) => s + ring.points.length, 0);
    log(
      `  ${p.number}\t${p.name}\t${points}\t${p.rings.length}\t${f4(p.declaredAreaHa)}\t${f2(p.planeAreaM2)}\t${f4(p.planeAreaM2 === null ? null : p.planeAreaM2 / 10_000)}\t${f2(p.ellipsoidalAreaM2)}`,
    );
  }
  const errors = r.issues.filter((i) => i.severity === "error").length;
  log(`问题 issues: ${errors} 个错误 error(s), ${r.issues.length - errors} 个警告 warning(s)`);
  for (const i of r.issues) log(issueLine(i));
  log(r.ok ? "✓ 校验通过 valid" : "✗ 校验未通过 invalid");
}

/** `land txt inspect FILE [--json]`: reads and validates a 部标 boundary-coordinate TXT file. */
export async function txtInspectCommand(file: string, opts: { json?: boolean }): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const notFound = code === "ENOENT" || code === "EISDIR";
    return reportError(
      new AppError(notFound ? "NOT_FOUND" : "INTERNAL", `cannot read ${file}: ${(e as Error).message}`, {
        messageZh: notFound ? `文件不存在或不是文件：${file}` : `无法读取文件：${file}`,
        location: { file },
        cause: e,
      }),
      opts.json === true,
    );
  }
  let r: BoundaryTxtReadResult;
  try {
    r = readBoundaryTxt(bytes, { fileName: path.basename(file) });
  } catch (e) {
    return reportError(e, opts.json === true);
  }
  if (opts.json) {
    printJson({
      ok: r.ok,
      file,
      encoding: r.encoding,
      header: r.header,
      parcels: r.parcels.map((p) => ({
        number: p.number,
        name: p.name,
        points: p.rings.reduce((s, ring) => s + ring.points.length, 0),
        rings: p.rings.length,
        declaredAreaHa: p.declaredAreaHa,
        planeAreaM2: p.planeAreaM2,
        ellipsoidalAreaM2: p.ellipsoidalAreaM2,
        epsg: p.epsg,
      })),
      issues: r.issues,
    });
  } else printHuman(r);
  return r.ok ? EXIT.ok : EXIT.rejected;
}
