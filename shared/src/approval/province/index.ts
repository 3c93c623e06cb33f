// 三级联网 province link: wire format, outbox dispatcher, replies, simulator.

export { type ApplyReplyResult, applyProvinceReply, type ReplyOutcome } from "./apply-reply.ts";
export { buildSubmissionPackage, type Sender } from "./build-package.ts";
export { createProvinceClient, type ProvinceClientOptions, type ProvinceTransport, ProvinceTransportError } from "./client.ts";
export { backoffDelay, type DispatchOptions, type DispatchResult, dispatchOutbox, LINK_ACTOR } from "./dispatch-outbox.ts";
export { enqueueProvinceSubmission } from "./enqueue-submission.ts";
export { linkOptionsFromConfig, type ProvinceLink, type ProvinceLinkOptions, startProvinceLink } from "./link.ts";
export { listProvinceLinkStatus, type ProvinceLinkStatus } from "./list-link-status.ts";
export { type PollResult, pollProvinceReplies } from "./poll-replies.ts";
export { type PushRequest, type PushResponse, receiveProvincePush } from "./receive-push.ts";
export type { OutboxAlert } from "./repository.ts";
export { requeueDeadLetter } from "./requeue-dead-letter.ts";
export { type RunningProvinceLink, startConfiguredProvinceLink } from "./run-link.ts";
export { SIGNATURE_HEADER, sign as signProvinceMessage, TIMESTAMP_HEADER, verify as verifyProvinceMessage } from "./signature.ts";
export { type SimulateCounts, type SimulateOptions, type SimulateRun, simulateProvinceLink } from "./simulate.ts";
export { seededRng } from "./simulator/rng.ts";
export {
  type ProvinceSimulator,
  REPLY_FAULTS,
  REQUEST_FAULTS,
  type SimulatedSubmission,
  type SimulatorOptions,
  type SimulatorStats,
  startProvinceSimulator,
} from "./simulator/server.ts";
export { startReplyWebhook } from "./webhook-server.ts";
export {
  type PollResponse,
  PROTOCOL as PROVINCE_PROTOCOL,
  PROVINCE_PATHS,
  type ProvinceReply,
  type PushAck,
  REPLY_WEBHOOK_PATH,
  replySchema,
  type SubmissionAck,
  type SubmissionPackage,
  submissionPackageSchema,
} from "./wire.ts";
