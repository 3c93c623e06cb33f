import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  AppError,
  formatOfFileName,
  type ParcelFileInput,
  type ParcelFileReadResult,
  type ParcelIssue,
  readParcelFile,
  writeParcelFile,
  writeShapefileSet,
} from "@land/shared";
import { EXIT, log, printJson, reportError } from "../output.ts";

/** Exit code of a command line that cannot be carried out as written (bad option, unsupported extension). */
const USAGE = 2;

const SHAPEFILE_PARTS = ["shp", "shx", "dbf", "prj", "cpg"];

function issueLine(i: ParcelIssue): string {
  const where = [
    i.file + (i.line > 0 ? `:${i.line}` : ""),
    i.feature === undefined ? null : `要素 ${i.feature}`,
    i.parcel === undefined ? null : `地块 ${i.parcel}`,
    i.point === undefined ? null : `点 ${i.point}`,
    i.location ? `X=${i.location.x.toFixed(3)} Y=${i.location.y.toFixed(3)}` : null,
  ]
    .filter((s) => s !== null)
    .join("  ");
  return `${i.severity === "error" ? "✗ 错误" : "⚠ 警告"} [${i.code}] ${where}\n    ${i.messageZh}\n    ${i.message}`;
}

function usage(message: string, messageZh: string, json: boolean, field: string): number {
  reportError(new AppError("VALIDATION_FAILED", message, { messageZh, location: { field } }), json);
  return USAGE;
}

/** The input file, and for a .shp the other parts of its set found beside it (same name, any case). */
async function inputFiles(file: string): Promise<ParcelFileInput[]> {
  const main: ParcelFileInput = { fileName: path.basename(file), bytes: new Uint8Array(await readFile(file)) };
  if (!/\.shp$/i.test(file)) return [main];
  const dir = path.dirname(file);
  const stem = path
    .basename(file)
    .replace(/\.shp$/i, "")
    .toLowerCase();
  const parts: ParcelFileInput[] = [main];
  for (const name of await readdir(dir)) {
    const m = /^(.*)\.([^.]+)$/.exec(name);
    if (!m || m[1]?.toLowerCase() !== stem) continue;
    const ext = m[2]?.toLowerCase() ?? "";
    if (ext === "shp" || !SHAPEFILE_PARTS.includes(ext)) continue;
    parts.push({ fileName: name, bytes: new Uint8Array(await readFile(path.join(dir, name))) });
  }
  return parts;
}

function summary(r: ParcelFileReadResult) {
  return r.parcels.map((p) => ({
    number: p.number,
    name: p.name,
    rings: p.rings.length,
    declaredAreaHa: p.declaredAreaHa,
    planeAreaM2: p.planeAreaM2,
    ellipsoidalAreaM2: p.ellipsoidalAreaM2,
  }));
}

/**
 * `land convert IN OUT [--zone N] [--encoding gbk|utf8] [--json]`: reads IN in any supported boundary
 * format, checks it like an upload, and writes OUT in the format of its extension. Input with errors is
 * refused (exit 1, every problem located) and OUT is not written.
 */
export async function convertCommand(
  input: string,
  output: string,
  opts: { zone?: string; encoding?: string; json?: boolean },
): Promise<number> {
  const json = opts.json === true;
  const zone = opts.zone === undefined ? undefined : Number(opts.zone);
  if (zone !== undefined && !(Number.isInteger(zone) && ((zone >= 25 && zone <= 45) || (zone >= 13 && zone <= 23)))) {
    return usage(
      `--zone ${opts.zone}: a 3° zone 25–45 or a 6° zone 13–23`,
      `--zone ${opts.zone} 无效：应为 3 度带 25–45 或 6 度带 13–23`,
      json,
      "zone",
    );
  }
  const encodingText = opts.encoding?.toLowerCase().replace("-", "");
  if (encodingText !== undefined && encodingText !== "gbk" && encodingText !== "utf8") {
    return usage(`--encoding ${opts.encoding}: gbk or utf8`, `--encoding ${opts.encoding} 无效：应为 gbk 或 utf8`, json, "encoding");
  }
  const encoding = encodingText as "gbk" | "utf8" | undefined;
  if (!formatOfFileName(input)) {
    return usage(
      `unsupported input type: ${input}`,
      `不支持的输入文件类型：${input}（支持 .txt .shp .zip .geojson .json .gpkg .dxf .kml .kmz）`,
      json,
      "IN",
    );
  }
  const outFormat = formatOfFileName(output);
  if (!outFormat) {
    return usage(
      `unsupported output type: ${output}`,
      `不支持的输出文件类型：${output}（支持 .txt .shp .zip .geojson .json .gpkg .dxf .kml .kmz）`,
      json,
      "OUT",
    );
  }
  let files: ParcelFileInput[];
  try {
    files = await inputFiles(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const notFound = code === "ENOENT" || code === "EISDIR";
    return reportError(
      new AppError(notFound ? "NOT_FOUND" : "INTERNAL", `cannot read ${input}: ${(e as Error).message}`, {
        messageZh: notFound ? `文件不存在或不是文件：${input}` : `无法读取文件：${input}`,
        location: { file: input },
        cause: e,
      }),
      json,
    );
  }
  const r = await readParcelFile(files, {
    ...(zone === undefined ? {} : { zone }),
    ...(encoding === undefined ? {} : { encoding }),
  });
  const errors = r.issues.filter((i) => i.severity === "error");
  if (!r.ok || errors.length > 0) {
    if (json) printJson({ ok: false, input, output, from: r.format, issues: r.issues });
    else {
      log(`✗ ${input}：${errors.length} 处错误，未写出 ${output}（${errors.length} error(s); ${output} not written）`);
      for (const i of r.issues) log(issueLine(i));
    }
    return EXIT.rejected;
  }
  const stem = path.basename(output).replace(/\.[^.]+$/, "");
  const layerName = /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(stem) ? stem : "parcels";
  const doc = { parcels: r.parcels, ...(r.format === "txt" ? { header: r.header } : {}) };
  const writeOptions = { layerName, ...(encoding === undefined ? {} : { encoding }) };
  const written: string[] = [];
  if (/\.shp$/i.test(output)) {
    // A .shp target: the set's files side by side, named after OUT.
    const set = await writeShapefileSet(doc, { ...writeOptions, layerName: "set" });
    for (const [name, bytes] of Object.entries(set)) {
      const target = path.join(path.dirname(output), `${path.basename(output).replace(/\.shp$/i, "")}${path.extname(name)}`);
      await writeFile(target, bytes);
      written.push(target);
    }
  } else {
    await writeFile(output, await writeParcelFile(outFormat, doc, writeOptions));
    written.push(output);
  }
  if (json)
    printJson({
      ok: true,
      input,
      output,
      from: r.format,
      to: outFormat,
      files: written,
      crs: r.crsSource,
      epsg: r.epsg,
      parcels: summary(r),
      issues: r.issues,
    });
  else {
    log(`✓ ${input}（${r.format}，${r.crsSource}）→ ${written.join(", ")}（${outFormat}）`);
    log(`  地块 parcels: ${r.parcels.length}；投影带 zone: ${r.zone ? `${r.zone.width}° 第 ${r.zone.zone} 带，EPSG:${r.epsg}` : "—"}`);
    for (const p of r.parcels)
      log(`  ${p.number}\t${p.name}\t平面 ${p.planeAreaM2?.toFixed(2)} m²\t椭球 ${p.ellipsoidalAreaM2?.toFixed(2)} m²`);
    for (const i of r.issues) log(issueLine(i));
  }
  return EXIT.ok;
}
