import type { ResourcePolicy } from "./rules.ts";

/**
 * 征地信息公开 as the public sees it: published records, their 主动公开 materials, search, the public
 * API, sitemap and robots.txt. Open to everyone, signed in or not (《政府信息公开条例》第十九条、第二十条:
 * 主动公开); what is public is decided by the data (status published, disclosure_type proactive), not here.
 */
export const disclosurePublicPolicy: ResourcePolicy = {
  resource: "disclosure-public",
  nameZh: "征地信息公开（公众）",
  anonymous: ["read"],
  rules: { read: () => ({ allowed: true, reason: "主动公开的政府信息，任何人可查看" }) },
};
