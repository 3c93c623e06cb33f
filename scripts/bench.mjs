// `npm run bench`: runs every *.bench.ts in the repository. Each bench names its baseline — a
// reference measured in the same run on the same machine — and the runner prints every case as
// a ratio against it plus absolute figures, then writes bench/results.json. Speed targets live
// here, never in timed unit tests: these machines are shared and noisy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SKIP = new Set(["node_modules", ".next", ".git", ".tools", "data"]);

function findBenches(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findBenches(p, out);
    else if (e.name.endsWith(".bench.ts")) out.push(p);
  }
  return out.sort();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const filter = process.argv[2];
const files = findBenches(ROOT).filter((f) => !filter || f.includes(filter));
const results = [];
for (const file of files) {
  /** @type {{ default: { name: string, repeat?: number, unit?: string, baseline: { label: string, run: () => Promise<number> }, cases: { label: string, goal?: number, run: () => Promise<number> }[], setup?: () => Promise<void>, teardown?: () => Promise<void> } }} */
  const mod = await import(pathToFileURL(file).href);
  const bench = mod.default;
  const repeat = bench.repeat ?? 3;
  const unit = bench.unit ?? "ms";
  process.stderr.write(`\n▶ ${bench.name} (${path.relative(ROOT, file)}), ${repeat}×\n`);
  await bench.setup?.();
  try {
    const samples = { [bench.baseline.label]: [] };
    for (const c of bench.cases) samples[c.label] = [];
    // Interleave baseline and cases so machine noise hits both alike.
    for (let i = 0; i < repeat; i++) {
      samples[bench.baseline.label].push(await bench.baseline.run());
      for (const c of bench.cases) samples[c.label].push(await c.run());
    }
    const base = median(samples[bench.baseline.label]);
    process.stderr.write(`  baseline  ${bench.baseline.label}: ${base.toFixed(1)} ${unit}\n`);
    const entry = {
      bench: bench.name,
      file: path.relative(ROOT, file),
      unit,
      baseline: { label: bench.baseline.label, median: base, samples: samples[bench.baseline.label] },
      cases: [],
    };
    for (const c of bench.cases) {
      const m = median(samples[c.label]);
      const ratio = m / base;
      const goal = c.goal === undefined ? "" : m <= c.goal ? `  ✓ goal ≤ ${c.goal} ${unit}` : `  ✗ goal ≤ ${c.goal} ${unit}`;
      process.stderr.write(`  ${c.label}: ${m.toFixed(1)} ${unit}  = ${ratio.toFixed(2)}× baseline${goal}\n`);
      entry.cases.push({
        label: c.label,
        median: m,
        ratio,
        goal: c.goal ?? null,
        meetsGoal: c.goal === undefined ? null : m <= c.goal,
        samples: samples[c.label],
      });
    }
    results.push(entry);
  } finally {
    await bench.teardown?.();
  }
}
fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
const report = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, host: os.hostname(), results };
fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`\nresults → bench/results.json (${results.length} benches)\n`);
