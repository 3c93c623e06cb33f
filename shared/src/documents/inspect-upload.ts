/**
 * Use case: inspect an uploaded file before anything is stored (等保2.0 三级 恶意代码防范 / 入侵防范).
 * The real type comes from the bytes (magic numbers via `file-type`), never from the name or the
 * browser's Content-Type; a file whose bytes contradict its extension or declared type is refused
 * (UPLOAD_TYPE_MISMATCH), a type outside the allow-list of the use is refused
 * (UPLOAD_TYPE_NOT_ALLOWED), and zip-based files (zip, docx, xlsx, ofd) are opened with yauzl and
 * decompressed into a counter — entry count, total uncompressed size, compression ratio and entry
 * paths (absolute, `..`) are checked against ZIP_LIMITS (ZIP_LIMIT_EXCEEDED). Nothing is written.
 */
import { fileTypeFromBuffer } from "file-type";
import yauzl from "yauzl";
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";

export type UploadKind = "pdf" | "ofd" | "png" | "jpeg" | "tiff" | "docx" | "xlsx" | "txt" | "zip";

interface KindSpec {
  nameZh: string;
  /** Extensions (lower case, no dot). */
  exts: readonly string[];
  /** Media types a browser may declare for it (the first is the canonical one). */
  mimes: readonly string[];
  zipBased: boolean;
}

export const UPLOAD_KINDS: Record<UploadKind, KindSpec> = {
  pdf: { nameZh: "PDF 文档", exts: ["pdf"], mimes: ["application/pdf", "application/x-pdf"], zipBased: false },
  ofd: { nameZh: "OFD 版式文档", exts: ["ofd"], mimes: ["application/ofd", "application/x-ofd"], zipBased: true },
  png: { nameZh: "PNG 图片", exts: ["png"], mimes: ["image/png"], zipBased: false },
  jpeg: { nameZh: "JPEG 图片", exts: ["jpg", "jpeg"], mimes: ["image/jpeg", "image/pjpeg"], zipBased: false },
  tiff: { nameZh: "TIFF 图片", exts: ["tif", "tiff"], mimes: ["image/tiff"], zipBased: false },
  docx: {
    nameZh: "Word 文档（docx）",
    exts: ["docx"],
    mimes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    zipBased: true,
  },
  xlsx: {
    nameZh: "Excel 表格（xlsx）",
    exts: ["xlsx"],
    mimes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    zipBased: true,
  },
  txt: { nameZh: "文本文件", exts: ["txt"], mimes: ["text/plain"], zipBased: false },
  zip: {
    nameZh: "ZIP 压缩包",
    exts: ["zip"],
    mimes: ["application/zip", "application/x-zip-compressed", "multipart/x-zip"],
    zipBased: true,
  },
};

/** The allow-list of file kinds per use. */
export const UPLOAD_USES = {
  documents: ["pdf", "ofd", "png", "jpeg", "tiff", "docx", "xlsx", "txt", "zip"],
} as const satisfies Record<string, readonly UploadKind[]>;
export type UploadUse = keyof typeof UPLOAD_USES;

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Uncompressed : compressed, for the whole archive and for every entry of at least `ratioMinBytes`. */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked one by one (tiny files compress unpredictably). */
  ratioMinBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioMinBytes: 1024 * 1024,
};

/** Declared media types that say nothing (browsers send these for unknown extensions). */
const UNINFORMATIVE_TYPES = new Set(["", "application/octet-stream", "binary/octet-stream", "application/unknown"]);

const inputSchema = z.object({
  bytes: z.instanceof(Uint8Array),
  fileName: z.string().min(1).max(255),
  declaredType: z.string().max(200).default(""),
  use: z.enum(Object.keys(UPLOAD_USES) as [UploadUse, ...UploadUse[]]).default("documents"),
});

export interface InspectUploadInput {
  bytes: Uint8Array;
  fileName: string;
  /** The Content-Type the client declared for the file ("" when none). */
  declaredType?: string | undefined;
  use?: UploadUse | undefined;
  limits?: Partial<ZipLimits> | undefined;
}

export interface ZipSummary {
  entries: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

export interface InspectedUpload {
  kind: UploadKind;
  /** Canonical media type of the detected kind (store this, not the declared one). */
  mediaType: string;
  ext: string;
  sizeBytes: number;
  zip?: ZipSummary;
  textEncoding?: "utf-8" | "gbk";
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function kindOfExt(ext: string): UploadKind | undefined {
  return (Object.keys(UPLOAD_KINDS) as UploadKind[]).find((k) => UPLOAD_KINDS[k].exts.includes(ext));
}

function kindOfMime(mime: string): UploadKind | undefined {
  return (Object.keys(UPLOAD_KINDS) as UploadKind[]).find((k) => UPLOAD_KINDS[k].mimes.includes(mime));
}

function mismatch(fileName: string, claimed: string, actual: string, detail: Record<string, unknown>): AppError {
  return new AppError("UPLOAD_TYPE_MISMATCH", `upload ${fileName}: ${claimed} but the content is ${actual}`, {
    messageZh: `文件“${fileName}”的${claimed}与实际内容（${actual}）不符，已拒绝上传`,
    location: { field: "file" },
    details: detail,
  });
}

function notAllowed(fileName: string, what: string, use: UploadUse, detail: Record<string, unknown>): AppError {
  const allowed = UPLOAD_USES[use].map((k) => UPLOAD_KINDS[k].exts.join("/")).join("、");
  return new AppError("UPLOAD_TYPE_NOT_ALLOWED", `upload ${fileName}: ${what} is not allowed`, {
    messageZh: `文件“${fileName}”的类型（${what}）不在允许范围内；允许的类型：${allowed}`,
    location: { field: "file" },
    details: detail,
  });
}

function zipRefused(fileName: string, reason: string, messageZh: string, detail: Record<string, unknown> = {}): AppError {
  return new AppError("ZIP_LIMIT_EXCEEDED", `upload ${fileName}: ${reason}`, {
    messageZh: `压缩文件“${fileName}”${messageZh}，已拒绝上传`,
    location: { field: "file" },
    details: { reason, ...detail },
  });
}

/** Text: valid UTF-8 or GBK (GB18030), without control characters other than tab, CR, LF, FF. */
function textEncodingOf(bytes: Uint8Array): "utf-8" | "gbk" | undefined {
  for (const encoding of ["utf-8", "gbk"] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting binary content is the point
    if (!/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return encoding;
  }
  return undefined;
}

function pathProblem(name: string): string | undefined {
  const n = name.replace(/\\/g, "/");
  if (n.startsWith("/") || /^[a-zA-Z]:/.test(n)) return "absolute path";
  if (n.split("/").includes("..")) return "relative path with ..";
  return undefined;
}

/** Walks the central directory and decompresses every entry into a counter; refuses at the first breach. */
async function inspectZip(bytes: Uint8Array, fileName: string, limits: ZipLimits): Promise<ZipSummary & { names: string[] }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // decodeStrings:false: names are checked here (yauzl would reject them with an English message).
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(err ?? new Error("no zip")) : resolve(z),
    ),
  ).catch((e: unknown) => {
    throw zipRefused(fileName, `unreadable zip: ${(e as Error).message}`, "无法解析（文件损坏或不是有效的 ZIP 格式）");
  });

  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw zipRefused(
      fileName,
      `${zip.entryCount} entries > ${limits.maxEntries}`,
      `包含 ${zip.entryCount} 个条目，超过上限 ${limits.maxEntries} 个`,
      {
        entries: zip.entryCount,
      },
    );
  }

  const names: string[] = [];
  let compressed = 0;
  let declared = 0;
  let actual = 0;

  const check = (entry: yauzl.Entry, name: string): AppError | undefined => {
    const problem = pathProblem(name);
    if (problem) return zipRefused(fileName, `${problem}: ${name}`, `包含不安全的路径“${name}”（绝对路径或含 ..）`, { entry: name });
    compressed += entry.compressedSize;
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes)
      return zipRefused(
        fileName,
        `uncompressed size > ${limits.maxUncompressedBytes}`,
        `解压后总大小超过上限 ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB`,
        { uncompressedBytes: declared },
      );
    const entryRatio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize >= limits.ratioMinBytes && entryRatio > limits.maxRatio)
      return zipRefused(
        fileName,
        `entry ${name} ratio ${entryRatio.toFixed(0)}:1 > ${limits.maxRatio}:1`,
        `中的条目“${name}”压缩比约 ${Math.round(entryRatio)}:1，超过上限 ${limits.maxRatio}:1（疑似压缩炸弹）`,
        {
          entry: name,
        },
      );
    return undefined;
  };

  await new Promise<void>((resolve, reject) => {
    const fail = (e: AppError) => {
      zip.close();
      reject(e);
    };
    zip.on("error", (e: Error) =>
      reject(e instanceof AppError ? e : zipRefused(fileName, `invalid zip: ${e.message}`, "结构无效或条目大小与目录不符")),
    );
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const name = Buffer.isBuffer(raw) ? raw.toString(entry.generalPurposeBitFlag & 0x800 ? "utf8" : "latin1") : String(raw);
      names.push(name);
      const refused = check(entry, name);
      if (refused) return fail(refused);
      if (name.endsWith("/")) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(zipRefused(fileName, `entry ${name}: ${err?.message}`, `中的条目“${name}”无法读取`));
        stream.on("data", (chunk: Buffer) => {
          actual += chunk.length;
          if (actual > limits.maxUncompressedBytes) {
            stream.destroy();
            fail(
              zipRefused(fileName, `actual uncompressed size > ${limits.maxUncompressedBytes}`, "解压后实际大小超过上限", {
                entry: name,
              }),
            );
          }
        });
        stream.on("error", (e: Error) =>
          fail(zipRefused(fileName, `entry ${name}: ${e.message}`, `中的条目“${name}”数据无效或大小与目录不符`)),
        );
        stream.on("end", () => zip.readEntry());
      });
    });
    zip.readEntry();
  });

  const ratio = declared / Math.max(compressed, 1);
  if (declared >= limits.ratioMinBytes && ratio > limits.maxRatio)
    throw zipRefused(
      fileName,
      `ratio ${ratio.toFixed(0)}:1 > ${limits.maxRatio}:1`,
      `整体压缩比约 ${Math.round(ratio)}:1，超过上限 ${limits.maxRatio}:1（疑似压缩炸弹）`,
    );
  return { entries: names.length, compressedBytes: compressed, uncompressedBytes: Math.max(declared, actual), names };
}

export async function inspectUpload(input: InspectUploadInput): Promise<InspectedUpload> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `inspectUpload: ${parsed.error.message}`, {
      messageZh: "上传的文件无效（缺少文件名或内容）",
      location: { field: "file" },
    });
  }
  const { bytes, fileName, use } = parsed.data;
  const declaredType = parsed.data.declaredType.split(";")[0]?.trim().toLowerCase() ?? "";
  const limits: ZipLimits = { ...ZIP_LIMITS, ...input.limits };
  const ext = extensionOf(fileName);
  const byExt = kindOfExt(ext);
  const detail = { fileName, ext, declaredType };
  const allowed: readonly UploadKind[] = UPLOAD_USES[use];

  if (!byExt || !allowed.includes(byExt)) throw notAllowed(fileName, ext ? `.${ext}` : "无扩展名", use, detail);
  const spec = UPLOAD_KINDS[byExt];
  if (!UNINFORMATIVE_TYPES.has(declaredType) && !spec.mimes.includes(declaredType)) {
    const byMime = kindOfMime(declaredType);
    throw mismatch(
      fileName,
      `扩展名 .${ext}（${spec.nameZh}）`,
      `声明类型 ${declaredType}${byMime ? `，${UPLOAD_KINDS[byMime].nameZh}` : ""}`,
      detail,
    );
  }

  const detected = await fileTypeFromBuffer(bytes);
  const claimed = `扩展名 .${ext}（${spec.nameZh}）${declaredType && !UNINFORMATIVE_TYPES.has(declaredType) ? `及声明类型 ${declaredType}` : ""}`;
  const actualName = (ext_: string, mime: string) => {
    const k = kindOfExt(ext_);
    return k ? `${UPLOAD_KINDS[k].nameZh}，${mime}` : `${ext_}，${mime}`;
  };

  let kind: UploadKind;
  let textEncoding: "utf-8" | "gbk" | undefined;
  if (byExt === "txt") {
    if (detected) throw mismatch(fileName, claimed, actualName(detected.ext, detected.mime), { ...detail, detected });
    textEncoding = textEncodingOf(bytes);
    if (!textEncoding) throw mismatch(fileName, claimed, "二进制数据，不是 UTF-8 或 GBK 文本", detail);
    kind = "txt";
  } else if (!detected) {
    throw mismatch(fileName, claimed, "无法识别的数据", detail);
  } else if (byExt === "ofd") {
    if (detected.ext !== "zip") throw mismatch(fileName, claimed, actualName(detected.ext, detected.mime), { ...detail, detected });
    kind = "ofd";
  } else {
    const detectedKind = kindOfExt(detected.ext);
    if (detectedKind !== byExt) throw mismatch(fileName, claimed, actualName(detected.ext, detected.mime), { ...detail, detected });
    kind = byExt;
  }

  const result: InspectedUpload = {
    kind,
    mediaType: UPLOAD_KINDS[kind].mimes[0] ?? "application/octet-stream",
    ext,
    sizeBytes: bytes.length,
  };
  if (textEncoding) result.textEncoding = textEncoding;
  if (UPLOAD_KINDS[kind].zipBased) {
    const { names, ...summary } = await inspectZip(bytes, fileName, limits);
    if (kind === "ofd" && !names.includes("OFD.xml")) throw mismatch(fileName, claimed, "ZIP 压缩包，缺少 OFD.xml", detail);
    result.zip = summary;
  }
  return result;
}

export interface UploadActor {
  actor: string;
  roles?: readonly string[] | undefined;
  divisionCode?: string | undefined;
  ip?: string | undefined;
}

/**
 * `inspectUpload` for request handlers: a refusal (UPLOAD_TYPE_MISMATCH, UPLOAD_TYPE_NOT_ALLOWED,
 * ZIP_LIMIT_EXCEEDED, VALIDATION_FAILED) is appended to the audit chain as `attachment.upload_refused`
 * in its own transaction, then rethrown.
 */
export async function inspectUploadAudited(db: Db, input: InspectUploadInput, by: UploadActor): Promise<InspectedUpload> {
  try {
    return await inspectUpload(input);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor: by.actor,
        roles: by.roles ? [...by.roles] : undefined,
        divisionCode: by.divisionCode,
        action: "attachment.upload_refused",
        entity: "attachment",
        ip: by.ip,
        detail: {
          code: e.code,
          fileName: input.fileName.slice(0, 255),
          declaredType: (input.declaredType ?? "").slice(0, 200),
          sizeBytes: input.bytes.length,
          reason: e.message.slice(0, 500),
        },
      }),
    );
    throw e;
  }
}
