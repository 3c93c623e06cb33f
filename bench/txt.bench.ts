/**
 * Throughput of the MNR boundary-coordinate TXT reader (decode + parse + every validation, incl. the
 * parcel-overlap check) on a 1 000 000-point file: 4 000 parcels of 250 界址点 each on a 300 m grid in
 * 3° zone 35 near 成都. Baseline: a plain decode + line split + comma split of the same bytes — the
 * least any reader has to do. Goal: > 1M points/s, i.e. ≤ 1000 ms for the file.
 */
import { readBoundaryTxt } from "../shared/src/geo/txt/index.ts";

const PARCELS = 4_000;
const POINTS = 250;
let bytes: Uint8Array = new Uint8Array();
let last = 0;

function ring(cx: number, cy: number): [x: number, y: number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < POINTS; k++) {
    // Clockwise in the east–north plane (TD/T 1008 numbering): angle decreasing.
    const a = (-2 * Math.PI * k) / POINTS;
    const r = 100 + 40 * Math.sin(7 * a) ** 2;
    out.push([Math.round((cx + r * Math.sin(a)) * 1000) / 1000, Math.round((cy + r * Math.cos(a)) * 1000) / 1000]);
  }
  return out;
}

function planeAreaM2(pts: [number, number][]): number {
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i] as [number, number];
    const [x2, y2] = pts[(i + 1) % pts.length] as [number, number];
    s += y1 * x2 - y2 * x1;
  }
  return Math.abs(s) / 2;
}

function makeFile(): Uint8Array {
  const lines = [
    "[属性描述]",
    "格式版本号=1.01版本",
    "数据产生单位=基准测绘院",
    "数据产生日期=2026-11-27",
    "坐标系=2000国家大地坐标系",
    "几度分带=3",
    "投影类型=高斯克吕格",
    "计量单位=米",
    "带号=35",
    "精度=0.01",
    "转换参数=,,,,,,",
    "[地块坐标]",
  ];
  const perRow = 64;
  for (let i = 0; i < PARCELS; i++) {
    const cx = 3_380_000 + 300 * Math.floor(i / perRow);
    const cy = 395_000 + 300 * (i % perRow);
    const pts = ring(cx, cy);
    lines.push(`${POINTS + 1},${(planeAreaM2(pts) / 10_000).toFixed(4)},${i + 1},地块${i + 1},面,,建设用地,0702,@`);
    pts.forEach(([x, y], k) => {
      lines.push(`J${k + 1},1,${x.toFixed(3)},35${y.toFixed(3)}`);
    });
    lines.push(`J1,1,${pts[0]?.[0].toFixed(3)},35${pts[0]?.[1].toFixed(3)}`);
  }
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}

async function timed(fn: () => void): Promise<number> {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export default {
  name: `TXT read + validate, ${(PARCELS * POINTS).toLocaleString("en")} points`,
  repeat: 5,
  unit: "ms",
  async setup() {
    bytes = makeFile();
    const r = readBoundaryTxt(bytes, { fileName: "bench.txt" });
    const errors = r.issues.filter((i) => i.severity === "error");
    if (!r.ok || r.parcels.length !== PARCELS) {
      throw new Error(`bench file must be valid: ${errors.slice(0, 5).map((i) => `${i.code}@${i.line}`)}`);
    }
    process.stderr.write(`  file: ${(bytes.byteLength / 1e6).toFixed(1)} MB, ${PARCELS} parcels × ${POINTS} points\n`);
  },
  async teardown() {
    process.stderr.write(`  last read: ${((PARCELS * POINTS) / (last / 1000) / 1e6).toFixed(2)} M points/s (goal > 1)\n`);
  },
  baseline: {
    label: "decode + line split + comma split",
    run: () =>
      timed(() => {
        const text = new TextDecoder("utf-8").decode(bytes);
        let fields = 0;
        for (const line of text.split(/\r\n|\r|\n/)) fields += line.split(",").length;
        if (fields === 0) throw new Error("empty");
      }),
  },
  cases: [
    {
      label: "readBoundaryTxt (decode, parse, validate, areas, GeoJSON)",
      goal: 1000,
      run: async () => {
        last = await timed(() => {
          readBoundaryTxt(bytes, { fileName: "bench.txt" });
        });
        return last;
      },
    },
  ],
};
