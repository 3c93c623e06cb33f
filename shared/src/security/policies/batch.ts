import { type ResourcePolicy, scopedCapability } from "./rules.ts";

/**
 * 报批批次 and the business subsystems built on them. Reading: business roles (领导 included,
 * read-only) whose 区县 scope contains the row's division; registering, editing and moving a
 * batch: 区县经办、区县审核、市审查 within scope — the same roles import its 勘测定界 result (update)
 * and run its 报批审查 (verify: the spatial review, which stores a new review version). Without a row (a list, a subsystem page) only the
 * role is checked; the list itself is filtered by scope (withScope + row-level security).
 */
export const batchPolicy: ResourcePolicy = {
  resource: "batch",
  nameZh: "报批批次",
  rules: {
    read: scopedCapability("business_read"),
    create: scopedCapability("batch_write"),
    update: scopedCapability("batch_write"),
    transition: scopedCapability("batch_write"),
    verify: scopedCapability("batch_write"),
  },
};
