/**
 * Attachment storage: content-addressed by SHA-256. The local-filesystem implementation keeps each
 * file once under `<dataDir>/files/<ab>/<cd>/<sha256>` (first two byte pairs of the hex digest),
 * written to a temporary name in the same directory and renamed into place, so a reader never sees a
 * partial file and storing the same bytes twice is a no-op.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors/app-error.ts";

export interface StoredObject {
  sha256: string;
  sizeBytes: number;
  /** Storage key relative to the storage root, e.g. files/ab/cd/abcd…. */
  key: string;
}

export interface AttachmentStorage {
  /** Stores bytes (idempotent) and returns their address. */
  put(bytes: Uint8Array): Promise<StoredObject>;
  /** Reads the bytes at a key; AppError NOT_FOUND when missing. */
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  /** Absolute path of a key (local storage only; for tools such as pdftoppm). */
  pathOf(key: string): string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function storageKeyFor(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new AppError("VALIDATION_FAILED", `not a SHA-256 hex digest: ${sha256}`, { messageZh: "内容散列格式无效" });
  }
  return `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

const KEY_PATTERN = /^files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export class LocalFileStorage implements AttachmentStorage {
  readonly root: string;

  constructor(dataDir: string) {
    if (dataDir.length === 0 || dataDir.startsWith("memory://")) {
      throw new AppError("CONFIG_INVALID", `attachment storage needs a directory, got "${dataDir}"`, {
        messageZh: "附件存储需要一个本地目录（LAND_DATA_DIR 不能是 memory://）",
      });
    }
    this.root = path.resolve(dataDir);
  }

  pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) {
      throw new AppError("VALIDATION_FAILED", `invalid storage key: ${key}`, { messageZh: `存储键无效：${key}` });
    }
    return path.join(this.root, ...key.split("/"));
  }

  async put(bytes: Uint8Array): Promise<StoredObject> {
    const sha256 = sha256Hex(bytes);
    const key = storageKeyFor(sha256);
    const target = this.pathOf(key);
    if (!(await exists(target))) {
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await writeFile(temp, bytes, { flag: "wx" });
        await rename(temp, target);
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
    }
    return { sha256, sizeBytes: bytes.byteLength, key };
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError("NOT_FOUND", `attachment file missing: ${key}`, { messageZh: `附件文件不存在：${key}`, cause: e });
    }
  }

  has(key: string): Promise<boolean> {
    return exists(this.pathOf(key));
  }
}
