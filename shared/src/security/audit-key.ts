import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors/app-error.ts";

/**
 * The Ed25519 key that signs audit checkpoints. Production takes it from LAND_AUDIT_KEY (base64
 * PKCS#8 DER, so it can live in a secret store); development creates one under the data dir on
 * first use. The key id (first 32 hex of SHA-256 of the public key) is stored with each checkpoint
 * so a verifier refuses checkpoints signed by any other key.
 */
export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

function fromPrivate(privateKey: KeyObject): AuditSigningKey {
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: "der", type: "spki" });
  return { privateKey, publicKey, keyId: createHash("sha256").update(raw).digest("hex").slice(0, 32) };
}

export function parseAuditKey(base64Pkcs8: string): AuditSigningKey {
  try {
    const key = createPrivateKey({ key: Buffer.from(base64Pkcs8, "base64"), format: "der", type: "pkcs8" });
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`key type ${key.asymmetricKeyType}, expected ed25519`);
    return fromPrivate(key);
  } catch (e) {
    throw new AppError("CONFIG_INVALID", `LAND_AUDIT_KEY is not a base64 PKCS#8 Ed25519 private key: ${(e as Error).message}`, {
      messageZh: "LAND_AUDIT_KEY 不是 Base64 编码的 PKCS#8 Ed25519 私钥（可用 `npx land audit keygen` 生成）",
      location: { field: "LAND_AUDIT_KEY" },
      cause: e,
    });
  }
}

export function generateAuditKey(): { key: AuditSigningKey; base64Pkcs8: string } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const base64Pkcs8 = privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
  return { key: fromPrivate(privateKey), base64Pkcs8 };
}

/** From config, else (outside production) from `<dataDir>/audit-signing.key`, created on first use. */
export function loadAuditKey(options: { configured: string | undefined; dataDir: string; production: boolean }): AuditSigningKey {
  if (options.configured) return parseAuditKey(options.configured);
  if (options.production) {
    throw new AppError("CONFIG_INVALID", "LAND_AUDIT_KEY is required in production", {
      messageZh: "生产环境必须设置 LAND_AUDIT_KEY（审计检查点签名私钥），可用 `npx land audit keygen` 生成",
      location: { field: "LAND_AUDIT_KEY" },
    });
  }
  const file = path.resolve(options.dataDir, "audit-signing.key");
  if (fs.existsSync(file)) return parseAuditKey(fs.readFileSync(file, "utf8").trim());
  const { key, base64Pkcs8 } = generateAuditKey();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${base64Pkcs8}\n`, { mode: 0o600 });
  return key;
}
