// @land/harvester — pulls approval documents from internal systems and 一张图 (disclosure subsystem).
export { classifyDocument } from "./classify.ts";
export type { Connector, ConnectorContext, ConnectorCursor, DiscoveredItem, DiscoverPage, FetchedItem, ItemMetadata } from "./connector.ts";
export { PermanentFetchError } from "./connector.ts";
export { fileDropConnector, ownerFromName } from "./connectors/file-drop.ts";
export { DEFAULT_ONEMAP_MAPPING, onemapConnector } from "./connectors/onemap.ts";
export { type WebSite, webConnector, webSiteSchema } from "./connectors/web.ts";
export { lazyOcrPool } from "./lazy-ocr.ts";
export { startLifecycleJobs } from "./lifecycle-job.ts";
export { DEFAULT_RETRY, withRetry } from "./retry.ts";
export { type HarvestDeps, type HarvestOptions, type HarvestProgress, runHarvest } from "./runner.ts";
export { HARVEST_QUEUE, type Scheduler, slotOf, startScheduler } from "./scheduler.ts";
export { configuredConnectors, readSourcesFile } from "./sources.ts";
