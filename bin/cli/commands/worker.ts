import { startLifecycleJobs, startScheduler } from "@land/harvester";
import { startConfiguredProvinceLink } from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log } from "../output.ts";

/**
 * The harvester's scheduler and the 三级联网 outbox dispatcher on their own (a separate worker
 * process beside the portal). Pushed province replies go to the portal's webhook; the worker polls.
 */
export async function workerCommand(): Promise<number> {
  const { config, db } = await openMigrated("land worker");
  const scheduler = await startScheduler({ db, config, log });
  const lifecycleJobs = startLifecycleJobs({ db, log });
  const province = await startConfiguredProvinceLink({ config, db, log });
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await scheduler.stop();
  await lifecycleJobs.stop();
  await province.stop();
  await db.close();
  return EXIT.ok;
}
