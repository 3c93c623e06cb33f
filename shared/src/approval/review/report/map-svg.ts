/** Paints a MapScene as SVG text (standalone document, no external references). */
import { escapeXml } from "./format.ts";
import { type MapScene, type MapStyle, PARCEL_STYLE, type Pt } from "./map-scene.ts";

/** Family list: the Noto name resvg gets from the bundled files first, then what browsers have on Windows/macOS. */
export const MAP_FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif";

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function pathData(rings: Pt[][]): string {
  return rings.map((r) => `M${r.map(([x, y]) => `${n(x)} ${n(y)}`).join("L")}Z`).join("");
}

function hatchId(key: string, angle: number): string {
  return `hatch-${key}-${angle}`;
}

/** Fill, hatch layers and outline of one shape with the even-odd rule (holes stay open). */
function shape(d: string, key: string, style: MapStyle, strokeWidth: number): string {
  const hatches = style.hatch.map((a) => `<path d="${d}" fill="url(#${hatchId(key, a)})" fill-rule="evenodd" stroke="none"/>`).join("");
  return (
    `<path d="${d}" fill="${style.fill}" fill-opacity="${style.fillOpacity}" fill-rule="evenodd" stroke="none"/>` +
    hatches +
    `<path d="${d}" fill="none" stroke="${style.stroke}" stroke-width="${n(strokeWidth)}" stroke-linejoin="round"/>`
  );
}

function text(x: number, y: number, content: string, size: number, attrs = ""): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${n(size)}" ${attrs}>${escapeXml(content)}</text>`;
}

export function mapSceneToSvg(s: MapScene): string {
  const f = s.fontSize;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}" font-family="${MAP_FONT_FAMILY}">`,
  );
  out.push("<title>地块及叠加分析示意图</title>");
  // One hatch pattern per (kind, angle) in use: parallel lines, turned by the angle (counter-clockwise on screen).
  const styles = new Map<string, MapStyle>(s.legend.items.map((i) => [i.key, i.style]));
  out.push("<defs>");
  for (const [key, style] of styles) {
    for (const a of style.hatch) {
      const g = s.hatchSpacing;
      out.push(
        `<pattern id="${hatchId(key, a)}" patternUnits="userSpaceOnUse" width="${n(g)}" height="${n(g)}" patternTransform="rotate(${-a})">` +
          `<line x1="0" y1="${n(g / 2)}" x2="${n(g)}" y2="${n(g / 2)}" stroke="${style.stroke}" stroke-width="${n(Math.max(1, g / 6))}"/></pattern>`,
      );
    }
  }
  out.push("</defs>");
  out.push(`<rect width="${s.width}" height="${s.height}" fill="#ffffff"/>`);
  const fr = s.frame;
  out.push(
    `<rect x="${n(fr.x)}" y="${n(fr.y)}" width="${n(fr.width)}" height="${n(fr.height)}" fill="#ffffff" stroke="#888888" stroke-width="1"/>`,
  );

  const line = Math.max(1, f / 8);
  out.push('<g id="parcels">');
  for (const p of s.parcels) {
    out.push(
      `<path d="${pathData(p.rings)}" fill="${PARCEL_STYLE.fill}" fill-opacity="${PARCEL_STYLE.fillOpacity}" fill-rule="evenodd" stroke="none"/>`,
    );
  }
  out.push("</g>");
  out.push('<g id="overlaps">');
  for (const o of s.overlaps) out.push(shape(pathData(o.rings), o.kind, o.style, line));
  out.push("</g>");
  // Parcel outlines on top, so the red line (用地红线) is never hidden by an overlap.
  out.push('<g id="parcel-outlines">');
  for (const p of s.parcels)
    out.push(
      `<path d="${pathData(p.rings)}" fill="none" stroke="${PARCEL_STYLE.stroke}" stroke-width="${n(line * 2)}" stroke-linejoin="round"/>`,
    );
  out.push("</g>");
  out.push('<g id="labels" text-anchor="middle" fill="#000000" stroke="#ffffff" paint-order="stroke" stroke-linejoin="round">');
  for (const p of s.parcels)
    out.push(text(p.label[0], p.label[1] + f * 0.35, p.parcelNo, f, `stroke-width="${n(f * 0.25)}" font-weight="bold"`));
  out.push("</g>");

  if (s.emptyText) out.push(text(fr.x + fr.width / 2, fr.y + fr.height / 2, s.emptyText, f * 1.2, 'text-anchor="middle" fill="#666666"'));

  const sb = s.scaleBar;
  if (sb.segments > 0) {
    const total = sb.segmentPx * sb.segments;
    out.push('<g id="scale-bar">');
    for (let i = 0; i < sb.segments; i++) {
      out.push(
        `<rect x="${n(sb.x + i * sb.segmentPx)}" y="${n(sb.y)}" width="${n(sb.segmentPx)}" height="${n(sb.height)}" fill="${i % 2 === 0 ? "#000000" : "#ffffff"}" stroke="#000000" stroke-width="1"/>`,
      );
    }
    for (const t of sb.ticks) out.push(text(t.x, sb.y - f * 0.35, t.text, f * 0.85, 'text-anchor="middle" fill="#000000"'));
    out.push(text(sb.x + total + f * 0.4, sb.y + sb.height, sb.unit, f * 0.85, 'fill="#000000"'));
    out.push("</g>");
  }

  const na = s.northArrow;
  const h = na.size;
  out.push(`<g id="north-arrow" transform="translate(${n(na.x)} ${n(na.y)}) rotate(${n(na.rotationDeg)})">`);
  out.push(`<path d="M0 ${n(-h / 2)}L${n(h / 4)} ${n(h / 2)}L0 ${n(h / 4)}Z" fill="#000000"/>`);
  out.push(`<path d="M0 ${n(-h / 2)}L${n(-h / 4)} ${n(h / 2)}L0 ${n(h / 4)}Z" fill="#ffffff" stroke="#000000" stroke-width="1"/>`);
  out.push(text(0, -h / 2 - f * 0.3, "北", f, 'text-anchor="middle" fill="#000000"'));
  out.push("</g>");

  out.push('<g id="legend">');
  out.push(text(s.legend.title[0], s.legend.title[1], "图例", f, 'fill="#000000" font-weight="bold"'));
  const sw = s.legend.swatch;
  for (const it of s.legend.items) {
    const d = `M${n(it.x)} ${n(it.y)}h${n(sw.width)}v${n(sw.height)}h${n(-sw.width)}Z`;
    out.push(`<g data-legend="${it.key}">`);
    out.push(it.key === "parcel" ? shape(d, "parcel", { ...it.style, hatch: [] }, line * 2) : shape(d, it.key, it.style, line));
    out.push(text(it.x + sw.width + f * 0.5, it.y + sw.height * 0.85, it.label, f, 'fill="#000000"'));
    out.push("</g>");
  }
  out.push("</g>");
  if (s.crsLabel.text) out.push(text(s.crsLabel.at[0], s.crsLabel.at[1], s.crsLabel.text, f * 0.75, 'fill="#555555"'));
  out.push("</svg>");
  return out.join("\n");
}
