import type { Rng } from "./random.ts";

/**
 * Plausible 川西 place names for fictional 乡镇 and 村/社区: two characters from lists of the
 * characters common in 成都 plain place names, unique within their scope.
 */
const FIRST = [
  ..."金花永安新兴太平和盛清泉柳黄龙石白马双凤万寿三江宁公福德胜利红光明桂林东西南北中长顺天府青杨古城望丛安靖友爱合作团结民主幸福涌泉永丰",
];
const SECOND = [..."桥堰林湾坝场店寺庙镇河江溪沟塘坪山岭园苑家院田泉兴乐丰和平安宁华光阳祥福寿口庄铺"];

export class NamePool {
  readonly #used = new Set<string>();
  readonly #rng: Rng;
  constructor(rng: Rng) {
    this.#rng = rng;
  }
  /** A fresh two-character stem (three characters once the two-character space runs thin). */
  stem(): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const a = this.#rng.pick(FIRST);
      const b = this.#rng.pick(SECOND);
      const s = attempt < 60 ? a + b : a + this.#rng.pick(FIRST) + b;
      if (a === b || this.#used.has(s)) continue;
      this.#used.add(s);
      return s;
    }
    // Practically unreachable; still unique.
    const s = `${this.#rng.pick(FIRST)}${this.#used.size}`;
    this.#used.add(s);
    return s;
  }
}
