// 公开门户 read models: what the public may see of published records, masked.

export { type GenerateOptions, generatePublishedRecords } from "./generate-records.ts";
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
export { maskText } from "./mask-text.ts";
