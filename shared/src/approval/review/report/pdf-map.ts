/** Paints a MapScene with pdfkit vector operators (the same drawing as map-svg.ts), at (x, y) on the current page. */
import type { MapScene, MapStyle, Pt } from "./map-scene.ts";
import { PARCEL_STYLE } from "./map-scene.ts";

export interface PdfMapFonts {
  regular: string;
  bold: string;
}

function path(doc: PDFKit.PDFDocument, rings: Pt[][]): void {
  for (const r of rings) {
    const [first, ...rest] = r;
    if (!first) continue;
    doc.moveTo(first[0], first[1]);
    for (const [x, y] of rest) doc.lineTo(x, y);
    doc.closePath();
  }
}

function bbox(rings: Pt[][]): [number, number, number, number] {
  const pts = rings.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Parallel lines at `angle` (counter-clockwise from horizontal) through the shape, clipped to it (even-odd, so holes stay open). */
function hatch(doc: PDFKit.PDFDocument, rings: Pt[][], angle: number, spacing: number, color: string, width: number): void {
  const [x0, y0, x1, y1] = bbox(rings);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const r = Math.hypot(x1 - x0, y1 - y0) / 2 + spacing;
  const a = (-angle * Math.PI) / 180; // screen y points down: counter-clockwise is a negative angle
  const [dx, dy] = [Math.cos(a), Math.sin(a)];
  const [nx, ny] = [-dy, dx];
  doc.save();
  path(doc, rings);
  doc.clip("even-odd");
  for (let t = -r; t <= r; t += spacing) {
    doc.moveTo(cx + nx * t - dx * r, cy + ny * t - dy * r).lineTo(cx + nx * t + dx * r, cy + ny * t + dy * r);
  }
  doc.lineWidth(width).strokeColor(color).strokeOpacity(1).stroke();
  doc.restore();
}

function shape(doc: PDFKit.PDFDocument, rings: Pt[][], style: MapStyle, strokeWidth: number, spacing: number): void {
  doc.save();
  path(doc, rings);
  doc.fillColor(style.fill).fillOpacity(style.fillOpacity).fill("even-odd");
  doc.restore();
  for (const a of style.hatch) hatch(doc, rings, a, spacing, style.stroke, Math.max(0.4, spacing / 6));
  doc.save();
  path(doc, rings);
  doc.lineWidth(strokeWidth).strokeColor(style.stroke).lineJoin("round").stroke();
  doc.restore();
}

function text(
  doc: PDFKit.PDFDocument,
  s: string,
  x: number,
  baseline: number,
  size: number,
  font: string,
  anchor: "start" | "middle",
  opts: { halo?: boolean; color?: string } = {},
): void {
  doc.font(font).fontSize(size);
  const w = doc.widthOfString(s);
  const left = anchor === "middle" ? x - w / 2 : x;
  // pdfkit places text by the top of the line box; move it so `baseline` is the baseline as in SVG.
  const top = baseline - doc.currentLineHeight() * 0.88;
  if (opts.halo) {
    doc.save();
    doc
      .lineWidth(size * 0.25)
      .strokeColor("#ffffff")
      .lineJoin("round");
    doc.text(s, left, top, { lineBreak: false, stroke: true, fill: false });
    doc.restore();
  }
  doc
    .fillColor(opts.color ?? "#000000")
    .fillOpacity(1)
    .text(s, left, top, { lineBreak: false });
}

export function drawMapScene(doc: PDFKit.PDFDocument, s: MapScene, x: number, y: number, fonts: PdfMapFonts): void {
  const f = s.fontSize;
  const line = Math.max(0.5, f / 8);
  doc.save();
  doc.translate(x, y);
  doc.rect(s.frame.x, s.frame.y, s.frame.width, s.frame.height).lineWidth(0.5).strokeColor("#888888").stroke();
  for (const p of s.parcels) {
    doc.save();
    path(doc, p.rings);
    doc.fillColor(PARCEL_STYLE.fill).fillOpacity(PARCEL_STYLE.fillOpacity).fill("even-odd");
    doc.restore();
  }
  for (const o of s.overlaps) shape(doc, o.rings, o.style, line, s.hatchSpacing);
  for (const p of s.parcels) {
    doc.save();
    path(doc, p.rings);
    doc
      .lineWidth(line * 2)
      .strokeColor(PARCEL_STYLE.stroke)
      .lineJoin("round")
      .stroke();
    doc.restore();
  }
  for (const p of s.parcels) text(doc, p.parcelNo, p.label[0], p.label[1] + f * 0.35, f, fonts.bold, "middle", { halo: true });
  if (s.emptyText) text(doc, s.emptyText, s.frame.x + s.frame.width / 2, s.frame.y + s.frame.height / 2, f * 1.2, fonts.regular, "middle");

  const sb = s.scaleBar;
  for (let i = 0; i < sb.segments; i++) {
    doc
      .rect(sb.x + i * sb.segmentPx, sb.y, sb.segmentPx, sb.height)
      .lineWidth(0.5)
      .fillColor(i % 2 === 0 ? "#000000" : "#ffffff")
      .fillOpacity(1)
      .strokeColor("#000000")
      .fillAndStroke();
  }
  if (sb.segments > 0) {
    for (const t of sb.ticks) text(doc, t.text, t.x, sb.y - f * 0.35, f * 0.85, fonts.regular, "middle");
    text(doc, sb.unit, sb.x + sb.segmentPx * sb.segments + f * 0.4, sb.y + sb.height, f * 0.85, fonts.regular, "start");
  }

  const na = s.northArrow;
  const h = na.size;
  doc.save();
  doc.translate(na.x, na.y).rotate(na.rotationDeg);
  doc
    .polygon([0, -h / 2], [h / 4, h / 2], [0, h / 4])
    .fillColor("#000000")
    .fillOpacity(1)
    .fill();
  doc
    .polygon([0, -h / 2], [-h / 4, h / 2], [0, h / 4])
    .lineWidth(0.5)
    .fillColor("#ffffff")
    .strokeColor("#000000")
    .fillAndStroke();
  text(doc, "北", 0, -h / 2 - f * 0.3, f, fonts.regular, "middle");
  doc.restore();

  text(doc, "图例", s.legend.title[0], s.legend.title[1], f, fonts.bold, "start");
  const sw = s.legend.swatch;
  for (const it of s.legend.items) {
    const rings: Pt[][] = [
      [
        [it.x, it.y],
        [it.x + sw.width, it.y],
        [it.x + sw.width, it.y + sw.height],
        [it.x, it.y + sw.height],
      ],
    ];
    shape(doc, rings, it.style, it.key === "parcel" ? line * 2 : line, s.hatchSpacing);
    text(doc, it.label, it.x + sw.width + f * 0.5, it.y + sw.height * 0.85, f, fonts.regular, "start");
  }
  if (s.crsLabel.text) {
    text(doc, s.crsLabel.text, s.crsLabel.at[0], s.crsLabel.at[1], f * 0.75, fonts.regular, "start", { color: "#555555" });
  }
  doc.restore();
}
