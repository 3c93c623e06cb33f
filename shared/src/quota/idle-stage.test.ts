import { describe, expect, it } from "vitest";
import { addYears } from "./dates.ts";
import { idleStage, type SupplyFacts } from "./idle-stage.ts";

const base: SupplyFacts = {
  suppliedOn: "2020-03-01",
  areaHa: 9,
  agreedStartOn: "2020-09-01",
  actualStartOn: null,
  developedAreaHa: null,
  investedPercent: null,
  stoppedSince: null,
};

describe("闲置土地 stages (闲置土地处置办法)", () => {
  it("counts from the agreed start date: one year → 闲置费, two years → 无偿收回", () => {
    expect(idleStage(base, "2021-08-31")).toBe("not_due");
    expect(idleStage(base, "2021-09-01")).toBe("idle_fee");
    expect(idleStage(base, "2022-08-31")).toBe("idle_fee");
    expect(idleStage(base, "2022-09-01")).toBe("idle_reclaim");
  });
  it("without an agreed date counts from the supply", () => {
    expect(idleStage({ ...base, agreedStartOn: null }, "2021-03-01")).toBe("idle_fee");
  });
  it("started: below 1/3 of the area or 25 % of the investment and stopped a year → stalled", () => {
    const started = { ...base, actualStartOn: "2020-10-01", developedAreaHa: 2.9, investedPercent: 40, stoppedSince: "2021-05-01" };
    expect(idleStage(started, "2022-04-30")).toBe("developing");
    expect(idleStage(started, "2022-05-01")).toBe("stalled");
    expect(idleStage({ ...started, developedAreaHa: 3.1 }, "2022-05-01")).toBe("developing");
    expect(idleStage({ ...started, developedAreaHa: 3.1, investedPercent: 24 }, "2022-05-01")).toBe("stalled");
    expect(idleStage({ ...started, stoppedSince: null }, "2030-01-01")).toBe("developing");
  });
  it("adds years on 29 February", () => {
    expect(addYears("2020-02-29", 1)).toBe("2021-02-28");
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
  });
});
