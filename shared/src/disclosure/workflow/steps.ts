/**
 * The publication flow as steps. A flow lists levels bottom-up (e.g. county, city, province):
 * the first level confirms, every further level approves in turn, and the last one publishes.
 * A one-level flow confirms and publishes at that level (by two people when the rule is on).
 */
import { LEVEL_NAMES, type Level } from "./common.ts";
import type { FlowRow } from "./repository.ts";

export interface StepView {
  level: Level;
  /** True when this step publishes the record. */
  publishes: boolean;
  labelZh: string;
  /** Under the two-person rule, who may not take this step (the confirmer). */
  excludedActor: string | null;
}

/** The step after `flowLevel` for a confirmed record; null when nothing is pending. */
export function nextStep(
  flow: Pick<FlowRow, "levels" | "two_person">,
  status: string,
  flowLevel: Level | null,
  confirmedBy: string | null,
): StepView | null {
  if (status !== "confirmed" || flowLevel === null) return null;
  const levels = flow.levels;
  let level: Level | undefined;
  if (levels.length === 1) level = levels[0];
  else {
    const at = levels.indexOf(flowLevel);
    // A flow edited after confirmation: continue from the first level above the one reached.
    level = at >= 0 ? levels[at + 1] : levels.find((l) => levels.indexOf(l) > 0);
  }
  if (!level) return null;
  const publishes = level === levels[levels.length - 1];
  return {
    level,
    publishes,
    labelZh: publishes ? `${LEVEL_NAMES[level]}级发布` : `${LEVEL_NAMES[level]}级审核`,
    excludedActor: flow.two_person ? confirmedBy : null,
  };
}

export function flowLabel(levels: readonly Level[]): string {
  return levels.map((l) => LEVEL_NAMES[l]).join(" → ");
}
