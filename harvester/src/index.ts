// @land/harvester — pulls approval documents from internal systems and 一张图 (disclosure subsystem).

export { startLifecycleJobs } from "./lifecycle-job.ts";
export { type Connector, type Scheduler, startScheduler } from "./scheduler.ts";
