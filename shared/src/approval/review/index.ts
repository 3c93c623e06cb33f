// 报批审查: the spatial review of a batch, its stored versions, and the report contract.
export { figures, ROUNDING_RULE_ZH } from "./areas.ts";
export { CULTIVATED_THRESHOLD_HA, decideAuthority, OTHER_THRESHOLD_HA, STATE_COUNCIL_THRESHOLDS } from "./authority.ts";
export { type ComputeReviewOptions, computeReview, type ReviewBody, type ReviewedBatch } from "./compute.ts";
export type { DeclaredArea } from "./declared.ts";
export { getReview, listReviews, type ReviewSummary } from "./get-review.ts";
export { DEFAULT_MIN_OVERLAP_M2, DEFAULT_REVIEW_TOLERANCE, type RunReviewOptions, runReview } from "./run-review.ts";
export type * from "./types.ts";
