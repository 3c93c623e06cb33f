import { startLifecycleJobs, startScheduler } from "@land/harvester";
import { openMigrated } from "../context.ts";
import { EXIT, log } from "../output.ts";

/** The harvester's scheduler on its own (a separate worker process beside the portal). */
export async function workerCommand(): Promise<number> {
  const { config, db } = await openMigrated("land worker");
  const scheduler = await startScheduler({ db, config, log });
  const lifecycleJobs = startLifecycleJobs({ db, log });
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await scheduler.stop();
  await lifecycleJobs.stop();
  await db.close();
  return EXIT.ok;
}
