import type { Db } from "../../db/types.ts";
import { getPublicFile } from "./get-public-file.ts";
import { copySourceOf, ensurePublicCopy, type PublicCopyDeps, redactionRefused } from "./public-copy.ts";

export interface PublicCopyFile {
  itemId: string;
  /** The name offered to the browser: an image copy is a PNG, a DOCX copy a PDF, whatever the original was. */
  fileName: string;
  mediaType: string;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * What the public file route serves for a 主动公开 material: its redacted copy, made on the first
 * request when the record was published without one (records published before copies existed,
 * seeded data). The original bytes are never returned. A material whose copy failed is refused with
 * REDACTION_FAILED (HTTP 503) until a clerk republishes it; withheld materials stay NOT_FOUND.
 */
export async function getPublicCopy(db: Db, input: { slug: string; itemId: string }, deps: PublicCopyDeps): Promise<PublicCopyFile> {
  const f = await getPublicFile(db, input);
  const copy = await ensurePublicCopy(db, copySourceOf(f), deps);
  if (copy.status !== "ok" || !copy.storage_key || !copy.sha256 || !copy.media_type) throw redactionRefused(f.title, copy.error);
  // The copy's own type: an image copy is a PNG, a DOCX copy a PDF.
  const ext = copy.media_type === "image/png" ? ".png" : copy.media_type === "application/pdf" ? ".pdf" : "";
  const fileName = ext && !f.file_name.toLowerCase().endsWith(ext) ? `${f.file_name.replace(/\.[^.]*$/, "")}${ext}` : f.file_name;
  return {
    itemId: f.item_id,
    fileName,
    mediaType: copy.media_type,
    storageKey: copy.storage_key,
    sha256: copy.sha256,
    sizeBytes: copy.size_bytes ?? 0,
  };
}
