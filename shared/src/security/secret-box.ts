import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type AppConfig, loadConfig } from "../config/env.ts";
import { AppError } from "../errors/app-error.ts";

/**
 * Encryption at rest for small secrets (TOTP seeds): AES-256-GCM with a 96-bit random IV and a
 * context string as associated data, so a sealed value copied to another row does not open.
 *
 * The key is derived with HKDF-SHA256 from
 *   - LAND_SESSION_SECRET when it is set (required in production), else
 *   - in development, 32 random bytes in `<LAND_DATA_DIR>/secret-box.key` (created on first use,
 *     mode 0600; back it up with the data — losing it means every TOTP user must re-enrol), else
 *   - under NODE_ENV=test or an in-memory data dir, a random per-process key.
 * Changing the secret makes sealed values unreadable: `land user reset` re-enrols a user.
 *
 * Sealed format: `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). The key id (first 8 hex of
 * SHA-256 of the key) tells "wrong key" from "tampered".
 */
export interface SecretBox {
  readonly keyId: string;
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /**
   * Keyed hash (HMAC-SHA256, hex) of a value for exact-match search without decrypting
   * (a "blind index"). Its key is derived from the box key with HKDF (separate `info`), so it
   * changes with the key; `context` separates the columns (the same ID number hashes differently
   * in another column).
   */
  hash(value: string, context: string): string;
}

const HKDF_SALT = "land.secret-box.v1";
const HKDF_INFO = "aes-256-gcm";
export const KEY_FILE = "secret-box.key";

export function deriveKey(material: string | Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", material, HKDF_SALT, HKDF_INFO, 32));
}

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error("secret box key must be 32 bytes");
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  const hashKey = Buffer.from(hkdfSync("sha256", key, "land.blind-index.v1", "hmac-sha256", 32));
  return {
    keyId,
    hash(value, context) {
      return createHmac("sha256", hashKey).update(context, "utf8").update("\0").update(value, "utf8").digest("hex");
    },
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `v1.${keyId}.${iv.toString("base64url")}.${body.toString("base64url")}`;
    },
    open(sealed, context) {
      const [version, id, ivText, bodyText] = sealed.split(".");
      if (version !== "v1" || !id || !ivText || !bodyText) throw unreadable("unknown sealed format");
      if (id !== keyId) throw unreadable(`sealed with key ${id}, current key is ${keyId}`);
      const body = Buffer.from(bodyText, "base64url");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(body.subarray(body.length - 16));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
      } catch (e) {
        throw unreadable("authentication failed", e);
      }
    },
  };
}

function unreadable(reason: string, cause?: unknown): AppError {
  return new AppError("SECRET_UNREADABLE", `sealed secret cannot be opened: ${reason}`, { cause });
}

/** The key material for a configuration (see the module comment for the order). */
export function secretBoxFor(config: Pick<AppConfig, "nodeEnv" | "sessionSecret" | "dataDir">): SecretBox {
  if (config.sessionSecret) return createSecretBox(deriveKey(config.sessionSecret));
  if (config.nodeEnv === "production")
    throw new AppError("CONFIG_INVALID", "LAND_SESSION_SECRET is required in production", {
      messageZh: "生产环境必须设置 LAND_SESSION_SECRET（用于派生加密密钥）",
    });
  const dataDir = config.dataDir;
  if (config.nodeEnv === "test" || dataDir.startsWith("memory://")) return createSecretBox(deriveKey(randomBytes(32)));
  return createSecretBox(deriveKey(readOrCreateKeyFile(path.join(dataDir, KEY_FILE))));
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return decodeKeyFile(fs.readFileSync(file, "utf8"), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    return key;
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return decodeKeyFile(fs.readFileSync(file, "utf8"), file);
    throw e;
  }
}

function decodeKeyFile(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32)
    throw new AppError("CONFIG_INVALID", `${file} is not a 32-byte base64 key`, {
      messageZh: `密钥文件 ${file} 无效（应为 32 字节 base64）`,
    });
  return key;
}

let current: SecretBox | undefined;

/** The process's secret box: the one set with useSecretBox, else derived from the environment once. */
export function secretBox(): SecretBox {
  current ??= secretBoxFor(loadConfig(process.env));
  return current;
}

/** Sets the process's secret box (startup code with a loaded config; tests). */
export function setSecretBox(box: SecretBox): void {
  current = box;
}
