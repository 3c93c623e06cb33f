/**
 * The redacted public copy of a 主动公开 file (GB/T 35273 去标识化): the public routes serve it,
 * never the original bytes. Copies are keyed by the original's SHA-256, made by a redactor the
 * caller provides (the OCR package's redactDocument: pages rendered, personal data painted over,
 * image-only PDF rebuilt) and stored in the attachment storage. A failed redaction is recorded
 * too, so the file is refused (fail closed) and the clerk sees why; each outcome is audited.
 */
import type { Db } from "../../db/types.ts";
import type { AttachmentStorage } from "../../documents/storage.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { PersonalDataKind } from "./mask-text.ts";
import { type ProactiveFileRow, type PublicCopyRow, readPublicCopy, writePublicCopy } from "./public-copy-repository.ts";

export type { PublicCopyRow } from "./public-copy-repository.ts";

export interface RedactionPageSummary {
  page: number;
  method: string;
  boxes: number;
  kinds: Partial<Record<PersonalDataKind, number>>;
  ocrConfidence?: number;
}

export interface RedactionOutput {
  bytes: Uint8Array;
  mediaType: string;
  pages: readonly RedactionPageSummary[];
  boxes: number;
}

/** The port to the redaction engine (implemented by @land/ocr redactDocument; shared cannot depend on OCR). */
export interface PublicCopyRedactor {
  redact(input: { bytes: Uint8Array; mediaType: string; fileName: string }): Promise<RedactionOutput>;
}

export interface PublicCopyDeps {
  storage: AttachmentStorage;
  redactor: PublicCopyRedactor;
}

export interface PublicCopySource {
  itemId: string;
  title: string;
  fileName: string;
  mediaType: string;
  storageKey: string;
  sha256: string;
  divisionCode: string;
}

/** The source of a copy from a stored file row (the file route's and the publication's rows alike). */
export function copySourceOf(f: ProactiveFileRow): PublicCopySource {
  return {
    itemId: f.item_id,
    title: f.title,
    fileName: f.file_name,
    mediaType: f.media_type,
    storageKey: f.storage_key,
    sha256: f.sha256,
    divisionCode: f.division_code,
  };
}

export interface PublicCopyActor {
  username: string;
  roles: readonly string[];
}

/** Lazily made copies are the system's doing, not a visitor's. */
export const PUBLIC_COPY_SYSTEM_ACTOR: PublicCopyActor = { username: "system:redaction", roles: [] };

// One redaction per original at a time in this process: concurrent first requests wait for the same one.
const running = new Map<string, Promise<PublicCopyRow>>();

/**
 * The copy of `source`, made now when there is none (or, with `retryFailed`, when the last attempt
 * failed). Never throws for a failed redaction: the row says `failed` with the reason.
 */
export function ensurePublicCopy(
  db: Db,
  source: PublicCopySource,
  deps: PublicCopyDeps,
  o: { actor?: PublicCopyActor; retryFailed?: boolean } = {},
): Promise<PublicCopyRow> {
  const key = `${source.sha256}:${o.retryFailed ? "retry" : ""}`;
  const pending = running.get(key);
  if (pending) return pending;
  const p = make(db, source, deps, o).finally(() => running.delete(key));
  running.set(key, p);
  return p;
}

async function make(
  db: Db,
  source: PublicCopySource,
  deps: PublicCopyDeps,
  o: { actor?: PublicCopyActor; retryFailed?: boolean },
): Promise<PublicCopyRow> {
  const existing = await readPublicCopy(db, source.sha256);
  if (existing?.status === "ok" && existing.storage_key && (await deps.storage.has(existing.storage_key))) return existing;
  if (existing?.status === "failed" && !o.retryFailed) return existing;
  let row: PublicCopyRow;
  try {
    const bytes = await deps.storage.get(source.storageKey);
    const out = await deps.redactor.redact({ bytes, mediaType: source.mediaType, fileName: source.fileName });
    const stored = await deps.storage.put(out.bytes);
    row = {
      source_sha256: source.sha256,
      status: "ok",
      sha256: stored.sha256,
      storage_key: stored.key,
      media_type: out.mediaType,
      size_bytes: stored.sizeBytes,
      pages: out.pages.length,
      boxes: out.boxes,
      detail: out.pages,
      error: null,
    };
  } catch (e) {
    // Configuration problems (OCR data or poppler missing) fail the copy the same way: nothing is served.
    const reason = isAppError(e) ? e.messageZh : e instanceof Error ? e.message : String(e);
    row = {
      source_sha256: source.sha256,
      status: "failed",
      sha256: null,
      storage_key: null,
      media_type: null,
      size_bytes: null,
      pages: null,
      boxes: null,
      detail: [],
      error: reason.slice(0, 2000),
    };
  }
  const actor = o.actor ?? PUBLIC_COPY_SYSTEM_ACTOR;
  await db.transaction(async (tx) => {
    await writePublicCopy(tx, row);
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      divisionCode: source.divisionCode,
      action: row.status === "ok" ? "disclosure.redact" : "disclosure.redact_failed",
      entity: "disclosure_item",
      entityId: source.itemId,
      detail: {
        title: source.title,
        fileName: source.fileName,
        sourceSha256: source.sha256,
        ...(row.status === "ok"
          ? {
              copySha256: row.sha256,
              pages: row.pages,
              boxes: row.boxes,
              byPage: (row.detail as RedactionPageSummary[]).map((p) => ({
                page: p.page,
                boxes: p.boxes,
                kinds: p.kinds,
                method: p.method,
              })),
            }
          : { error: row.error }),
      },
    });
  });
  return row;
}

export function redactionRefused(title: string, reason: string | null): AppError {
  return new AppError("REDACTION_FAILED", `public copy of "${title}" could not be made: ${reason ?? "unknown"}`, {
    messageZh: `“${title}”脱敏未成功，暂不对外提供（${reason ?? "原因不明"}）。请联系发布机关。`,
    details: { title },
  });
}
