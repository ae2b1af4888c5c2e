// Unit tests of the span helpers: dyad's spans count code points, and
// JavaScript strings count UTF-16 units.
import { test } from "node:test";
import assert from "node:assert/strict";
import { codePoints, sliceSpan, utf16Offset, segment } from "../spans.js";

const text = "🚀🇺🇦 Putin 𝔸 met Raisi in Tehran.";
// Code points: 🚀 (1), 🇺🇦 (2 regional indicators), space, "Putin" ...
const putin = [4, 9];

test("slicing by code points finds the words that naive UTF-16 slicing misses", () => {
  const points = codePoints(text);
  assert.equal(sliceSpan(points, putin), "Putin");
  assert.notEqual(text.slice(putin[0], putin[1]), "Putin", "UTF-16 offsets differ here");
  assert.equal(sliceSpan(points, [16, 21]), "Raisi");
  assert.equal(text.slice(utf16Offset(text, 16), utf16Offset(text, 21)), "Raisi");
});

test("utf16Offset converts code-point offsets", () => {
  assert.equal(utf16Offset(text, 0), 0);
  assert.equal(utf16Offset(text, 1), 2, "🚀 is two UTF-16 units");
  assert.equal(utf16Offset(text, 4), 7);
  assert.equal(utf16Offset("abc", 10), 3, "past the end stops at the end");
});

test("segment covers the range once, with overlapping marks", () => {
  const points = codePoints(text);
  const marks = [
    { span: [4, 9], cls: "hl-source", key: 0 },
    { span: [25, 31], cls: "hl-target", key: 0 },
    { span: [25, 31], cls: "hl-place", key: 0 },
    { span: [40, 50], cls: "hl-date", key: 0 },
  ];
  const segs = segment(points, 0, points.length, marks);
  assert.equal(segs.map((s) => s.text).join(""), text, "segments rebuild the text");
  const source = segs.find((s) => s.marks.some((m) => m.cls === "hl-source"));
  assert.equal(source.text, "Putin");
  const tehran = segs.find((s) => s.marks.length === 2);
  assert.equal(tehran.text, "Tehran");
  assert.ok(!segs.some((s) => s.marks.some((m) => m.cls === "hl-date")), "marks outside the range are dropped");
});

import { fillPeriods, layout } from "../charts.js";

test("timelines get a zero row for every empty period", () => {
  const weeks = fillPeriods([{ key: "2024-02-19", events: 2 }, { key: "2024-03-11", events: 1 }], "week");
  assert.deepEqual(weeks.map((r) => r.key), ["2024-02-19", "2024-02-26", "2024-03-04", "2024-03-11"]);
  assert.deepEqual(weeks.map((r) => r.events), [2, 0, 0, 1]);
  const months = fillPeriods([{ key: "2023-11", events: 1 }, { key: "2024-02", events: 1 }], "month");
  assert.deepEqual(months.map((r) => r.key), ["2023-11", "2023-12", "2024-01", "2024-02"]);
  const days = fillPeriods([{ key: "2024-02-28", events: 1 }, { key: "2024-03-01", events: 1 }], "day");
  assert.deepEqual(days.map((r) => r.key), ["2024-02-28", "2024-02-29", "2024-03-01"]);
});

test("the network layout keeps nodes apart, inside the box, the same every time", () => {
  const edges = [[0, 1], [1, 2], [2, 0], [3, 4]];
  const a = layout(6, edges, 800, 600);
  assert.deepEqual(a, layout(6, edges, 800, 600));
  for (const [x, y] of a) assert.ok(x >= 0 && x <= 800 && y >= 0 && y <= 600, `${x},${y}`);
  for (let i = 0; i < a.length; i++)
    for (let j = i + 1; j < a.length; j++)
      assert.ok(Math.hypot(a[i][0] - a[j][0], a[i][1] - a[j][1]) > 30, `nodes ${i} and ${j} overlap`);
  // Linked nodes end closer than unlinked ones.
  const dist = (i, j) => Math.hypot(a[i][0] - a[j][0], a[i][1] - a[j][1]);
  assert.ok(dist(3, 4) < dist(3, 0), "an edge pulls its ends together");
});
