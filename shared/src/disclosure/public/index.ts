// 公开门户 read models: what the public may see of published records, masked.

export { type GenerateOptions, generatePublishedRecords } from "./generate-records.ts";
export { getPublicCopy, type PublicCopyFile } from "./get-public-copy.ts";
export { getPublicFile, type PublicFile } from "./get-public-file.ts";
export {
  getPublicRecord,
  type ParcelFeatureCollection,
  PUBLIC_STAGES,
  type PublicDocument,
  type PublicRecord,
  type PublicStage,
  type TimelineEntry,
} from "./get-public-record.ts";
export { type LatestRecord, latestPublicRecords, SITEMAP_PAGE_SIZE, sitemapPage, sitemapPageCount } from "./list-public.ts";
export { findPersonalData, maskText, type PersonalDataKind, type PersonalDataSpan } from "./mask-text.ts";
export {
  ensurePublicCopy,
  PUBLIC_COPY_SYSTEM_ACTOR,
  type PublicCopyActor,
  type PublicCopyDeps,
  type PublicCopyRedactor,
  type PublicCopyRow,
  type PublicCopySource,
  type RedactionOutput,
  type RedactionPageSummary,
  redactionRefused,
} from "./public-copy.ts";
export { listProactiveFiles, type ProactiveFileRow, readPublicCopy } from "./public-copy-repository.ts";
