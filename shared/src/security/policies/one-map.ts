import { capability, type ResourcePolicy } from "./rules.ts";

/**
 * 一张图 base layers (三调地类图斑, 三条控制线) and the 建库标准 page that summarises them:
 * back-office users only; the anonymous public sees published disclosures, not the layers.
 */
export const oneMapPolicy: ResourcePolicy = {
  resource: "one-map",
  nameZh: "一张图图层",
  rules: { read: capability("back_office") },
};
