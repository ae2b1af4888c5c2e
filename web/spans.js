// Spans from dyad count Unicode code points; JavaScript strings index UTF-16
// code units, which differ as soon as the text has a character outside the
// Basic Multilingual Plane (emoji, some CJK, mathematical letters). Every
// span is therefore applied to an array of code points (Array.from), never
// to the string directly.

/** The code points of `text`, one string each. */
export function codePoints(text) {
  return Array.from(text);
}

/** The text of the code-point span [start, end) of `points`. */
export function sliceSpan(points, [start, end]) {
  return points.slice(start, end).join("");
}

/** The UTF-16 offset of code-point offset `cp` in `text`. */
export function utf16Offset(text, cp) {
  let units = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen === cp) break;
    units += ch.length;
    seen += 1;
  }
  return units;
}

/**
 * Cuts the code-point range [from, to) of `points` into segments, each with
 * the set of marks that cover it. `marks` are {span: [s, e], cls, key};
 * marks may overlap (a place inside a target). Returns
 * [{text, marks: [mark...]}] in order, covering the whole range.
 */
export function segment(points, from, to, marks) {
  const cuts = new Set([from, to]);
  const inside = marks.filter((m) => m.span && m.span[1] > from && m.span[0] < to && m.span[1] > m.span[0]);
  for (const m of inside) {
    cuts.add(Math.max(from, m.span[0]));
    cuts.add(Math.min(to, m.span[1]));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [s, e] = [sorted[i], sorted[i + 1]];
    out.push({ text: points.slice(s, e).join(""), start: s, end: e, marks: inside.filter((m) => m.span[0] <= s && m.span[1] >= e) });
  }
  return out;
}
