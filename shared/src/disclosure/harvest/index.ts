// The harvester's run log and cursors (C).

export { dropHarvestFile, type HarvestSourceInfo, harvestSources } from "./drop.ts";
export {
  type BegunRun,
  beginHarvestRun,
  commitHarvestPage,
  finishHarvestRun,
  getHarvestRun,
  HARVEST_TRIGGERS,
  type HarvestRunView,
  type HarvestTrigger,
  heartbeatHarvestRun,
  listHarvestRuns,
  listQueuedHarvestRuns,
  requestHarvestRun,
  runView,
  type SourceCursor,
} from "./runs.ts";
