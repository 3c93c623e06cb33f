/**
 * The 三级联网 wire format: our own JSON protocol `land-province/1` until the 四川省 specification is
 * published. Everything that knows the shape of a message on the wire lives here (plus signature.ts
 * and client.ts), so a real specification replaces these three files and nothing else.
 * docs/province-link.md and docs/province-link.openapi.yaml describe the same messages.
 */
import { z } from "zod";
import { APPROVAL_AUTHORITIES, RETURN_REASONS } from "../../standard/codes/index.ts";
import { DOC_NUMBER_PATTERN } from "../common.ts";

export const PROTOCOL = "land-province/1";

/** Paths on the province side (relative to LAND_PROVINCE_URL). */
export const PROVINCE_PATHS = { submissions: "/v1/submissions", replies: "/v1/replies" } as const;
/** Our webhook for pushed replies (the portal route). */
export const REPLY_WEBHOOK_PATH = "/api/province/replies";
/** At most this many idempotency keys in one poll (keeps the query string short). */
export const POLL_KEYS_MAX = 50;

const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "sha256 应为 64 位小写十六进制");

export const submissionPackageSchema = z.object({
  protocol: z.literal(PROTOCOL),
  /** Our province_submission id: the province creates at most one submission per key. */
  idempotencyKey: z.uuid(),
  submittedAt: isoInstant,
  sender: z.object({ divisionCode: z.string().regex(/^\d{6}$/), name: z.string().min(1).max(100) }),
  batch: z.object({
    batchNo: z.string().min(1).max(60),
    name: z.string().min(1).max(300),
    landUseType: z.string().min(1).max(40),
    divisionCode: z.string().regex(/^\d{6,12}$/),
    planYear: z.number().int(),
    totalAreaHa: z.number().nonnegative().nullable(),
    /** 第几次报省 (a resubmission after 补正 is a new submission with a new key). */
    seq: z.number().int().min(1),
  }),
  /** The latest 勘测定界 result as MNR TXT; null when the batch has none (the province returns it). */
  parcels: z
    .object({
      format: z.literal("mnr-txt"),
      encoding: z.enum(["gbk", "utf8"]),
      sha256: sha256Hex,
      contentBase64: z.string().max(50_000_000),
    })
    .nullable(),
  /** The latest review's tables (地类面积汇总, 控制线叠加, 批准机关), as computed by the review engine. */
  reviewTables: z.record(z.string(), z.unknown()).nullable(),
  /** Documents by content address; the bytes travel separately (see docs/province-link.md). */
  documents: z.array(
    z.object({
      kind: z.string().min(1).max(40),
      title: z.string().min(1).max(300),
      fileName: z.string().min(1).max(300),
      mediaType: z.string().min(1).max(100),
      size: z.number().int().nonnegative(),
      sha256: sha256Hex,
    }),
  ),
});
export type SubmissionPackage = z.infer<typeof submissionPackageSchema>;

/** The province's answer to a submission: created now, or the one it already had for this key. */
export const submissionAckSchema = z.object({
  protocol: z.literal(PROTOCOL),
  idempotencyKey: z.uuid(),
  provinceRef: z.string().min(1).max(100),
  duplicate: z.boolean(),
  receivedAt: isoInstant,
});
export type SubmissionAck = z.infer<typeof submissionAckSchema>;

const replyBase = {
  protocol: z.literal(PROTOCOL),
  /** Unique per reply at the province; replies are de-duplicated on it. */
  replyId: z.string().min(1).max(100),
  idempotencyKey: z.uuid(),
  provinceRef: z.string().min(1).max(100),
  issuedAt: isoInstant,
};

const authorityCodes = APPROVAL_AUTHORITIES.map((a) => a.code) as [string, ...string[]];
const reasonCodes = RETURN_REASONS.map((r) => r.code) as [string, ...string[]];

export const replySchema = z.discriminatedUnion("kind", [
  z.object({ ...replyBase, kind: z.literal("receipt"), receipt: z.object({ acceptedOn: isoDate }) }),
  z.object({
    ...replyBase,
    kind: z.literal("approval"),
    approval: z.object({
      docNumber: z.string().regex(DOC_NUMBER_PATTERN),
      title: z.string().min(4).max(300),
      authority: z.enum(authorityCodes),
      approvedOn: isoDate,
      approvedAreaHa: z.number().positive(),
    }),
  }),
  z.object({
    ...replyBase,
    kind: z.literal("return"),
    return: z.object({
      returnedOn: isoDate,
      reasons: z.array(z.object({ code: z.enum(reasonCodes), detail: z.string().max(2000) })).min(1),
    }),
  }),
]);
export type ProvinceReply = z.infer<typeof replySchema>;

export const pollResponseSchema = z.object({ protocol: z.literal(PROTOCOL), replies: z.array(replySchema) });
export type PollResponse = z.infer<typeof pollResponseSchema>;

/** Our answer to a pushed reply. */
export interface PushAck {
  protocol: typeof PROTOCOL;
  replyId: string;
  outcome: "applied" | "superseded" | "ignored" | "duplicate";
}
