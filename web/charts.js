// SVG charts drawn by hand: a timeline, an actor network and a map. No
// chart library: the shapes are simple and the page must work offline.
import { esc } from "./api.js";

const QUAD_COLOURS = { 1: "#2b8cbe", 2: "#1a9850", 3: "#fdae61", 4: "#d73027" };
export const quadColour = (q) => QUAD_COLOURS[q] || "#888";

/**
 * `rows` ({key, events, goldstein}) with a zero row for every period
 * between the first and the last that has no events, so the bars stand on
 * a true time axis. `by` is day, week (keys are Mondays) or month.
 */
export function fillPeriods(rows, by, maxPeriods = 3000) {
  if (rows.length < 2) return rows;
  const have = new Map(rows.map((r) => [r.key, r]));
  const next = (key) => {
    if (by === "month") {
      const [y, m] = key.split("-").map(Number);
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    }
    const d = new Date(`${key}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + (by === "week" ? 7 : 1));
    return d.toISOString().slice(0, 10);
  };
  const out = [];
  const last = rows[rows.length - 1].key;
  for (let key = rows[0].key; out.length < maxPeriods; key = next(key)) {
    out.push(have.get(key) || { key, events: 0, mentions: 0, goldstein: 0 });
    if (key >= last) break;
  }
  return out;
}

/** Bars of `rows` ({key, events, goldstein}) by `metric`, in order. */
export function timeline(rows, metric) {
  const W = 900, H = 320, left = 50, bottom = 40, top = 15, right = 60;
  const values = rows.map((r) => (metric === "goldstein" ? r.goldstein : r.events));
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const y = (v) => top + ((max - v) / span) * (H - top - bottom);
  // Bars no wider than 40 px, so one week does not fill the chart.
  const step = Math.min(40, (W - left - right) / Math.max(rows.length, 1));
  const labelEvery = Math.max(1, Math.ceil(rows.length / 10));
  const bars = rows
    .map((r, i) => {
      const v = values[i];
      const x = left + i * step;
      const [y0, y1] = [y(Math.max(v, 0)), y(Math.min(v, 0))];
      const colour = metric === "goldstein" ? (v < 0 ? QUAD_COLOURS[4] : QUAD_COLOURS[1]) : "#4a5568";
      const label = i % labelEvery === 0 ? `<text class="axis" x="${x}" y="${H - bottom + 14}">${esc(r.key)}</text>` : "";
      return `<rect class="bar" data-key="${esc(r.key)}" x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${Math.max(step - 1, 1).toFixed(1)}" height="${Math.max(y1 - y0, 0.5).toFixed(1)}" fill="${colour}"><title>${esc(r.key)}: ${v}</title></rect>${label}`;
    })
    .join("");
  const ticks = [max, (max + min) / 2, min]
    .map((v) => `<text class="axis" x="4" y="${y(v) + 4}">${Math.round(v * 10) / 10}</text><line x1="${left}" x2="${W}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`)
    .join("");
  const zero = `<line x1="${left}" x2="${W}" y1="${y(0)}" y2="${y(0)}" stroke="#999"/>`;
  const empty = rows.length ? "" : `<text x="${W / 2 - 60}" y="${H / 2}">no events match</text>`;
  return `<svg id="timeline-svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${ticks}${bars}${zero}${empty}</svg>`;
}

/**
 * An actor network from merged events: nodes are actor codes, an edge
 * source→target weighs the number of events, coloured by the quad class
 * most of them have.
 */
export function network(events, maxNodes = 30) {
  const W = 1040, H = 600;
  const edges = new Map();
  const degree = new Map();
  for (const m of events) {
    const e = m.event;
    if (!e.target) continue;
    const key = `${e.source.code}>${e.target.code}`;
    const edge = edges.get(key) || { s: e.source.code, t: e.target.code, n: 0, q: [0, 0, 0, 0, 0] };
    edge.n += 1;
    edge.q[e.quad_class || 0] += 1;
    edges.set(key, edge);
    for (const c of [e.source.code, e.target.code]) degree.set(c, (degree.get(c) || 0) + 1);
  }
  const names = [...degree.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxNodes).map(([c]) => c);
  const index = new Map(names.map((c, i) => [c, i]));
  const links = [...edges.values()].filter((e) => index.has(e.s) && index.has(e.t) && e.s !== e.t);
  const pos = layout(names.length, links.map((l) => [index.get(l.s), index.get(l.t)]), W - 200, H);
  const maxN = Math.max(1, ...links.map((l) => l.n));
  const lines = links
    .map((l) => {
      const [a, b] = [pos[index.get(l.s)], pos[index.get(l.t)]];
      const q = l.q.indexOf(Math.max(...l.q));
      const width = 1 + 5 * Math.sqrt(l.n / maxN);
      // A pair that acts both ways gets two arcs, one on each side, instead
      // of two lines on top of each other.
      const bend = edges.has(`${l.t}>${l.s}`) ? 0.15 : 0;
      const [mx, my] = [(a[0] + b[0]) / 2 - bend * (b[1] - a[1]), (a[1] + b[1]) / 2 + bend * (b[0] - a[0])];
      const d = `M${a[0].toFixed(1)},${a[1].toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${b[0].toFixed(1)},${b[1].toFixed(1)}`;
      return `<path class="edge" data-source="${esc(l.s)}" data-target="${esc(l.t)}" d="${d}" fill="none" stroke="${quadColour(q)}" stroke-width="${width.toFixed(1)}" marker-end="url(#arrow-${q})" opacity=".75"><title>${esc(l.s)} → ${esc(l.t)}: ${l.n} events</title></path>`;
    })
    .join("");
  const markers = [0, 1, 2, 3, 4]
    .map((q) => `<marker id="arrow-${q}" viewBox="0 0 10 10" refX="18" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0L10,5L0,10z" fill="${quadColour(q)}"/></marker>`)
    .join("");
  const nodes = names
    .map((c, i) => `<g class="node" data-code="${esc(c)}"><circle cx="${pos[i][0].toFixed(1)}" cy="${pos[i][1].toFixed(1)}" r="${(4 + Math.sqrt(degree.get(c))).toFixed(1)}" fill="#22252b"/><text x="${(pos[i][0] + 8).toFixed(1)}" y="${(pos[i][1] - 6).toFixed(1)}">${esc(c)}</text></g>`)
    .join("");
  const legend = quadLegend(W - 170, 10);
  return `<svg id="network-svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><defs>${markers}</defs>${lines}${nodes}${legend}</svg>`;
}

/**
 * Node positions for a graph of `n` nodes and `edges` ([i, j] pairs) in a
 * `w`×`h` box: Fruchterman–Reingold (nodes repel, edges pull, with a
 * cooling step limit) plus a pull towards the centre that keeps separate
 * components in view. Starts from a circle, so the same graph always
 * draws the same.
 */
export function layout(n, edges, w, h) {
  const margin = 40;
  const pos = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    return [w / 2 + (w / 3) * Math.cos(a), h / 2 + (h / 3) * Math.sin(a)];
  });
  const k = 0.7 * Math.sqrt((w * h) / Math.max(n, 1));
  let temperature = w / 8;
  for (let step = 0; step < 300; step++) {
    const disp = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (k * k) / d / d;
        disp[i][0] += dx * f; disp[i][1] += dy * f;
        disp[j][0] -= dx * f; disp[j][1] -= dy * f;
      }
    }
    for (const [i, j] of edges) {
      if (i === j) continue;
      const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = d / k;
      disp[i][0] -= dx * f; disp[i][1] -= dy * f;
      disp[j][0] += dx * f; disp[j][1] += dy * f;
    }
    // Gravity that balances the repulsion of n nodes at about radius R.
    const R = Math.min(w, h) / 2.6;
    const g = (n * k * k) / (4 * R * R);
    for (let i = 0; i < n; i++) {
      disp[i][0] += g * (w / 2 - pos[i][0]);
      disp[i][1] += g * (h / 2 - pos[i][1]);
      const len = Math.max(Math.hypot(disp[i][0], disp[i][1]), 0.01);
      const move = Math.min(len, temperature);
      pos[i][0] = Math.min(w - margin, Math.max(margin, pos[i][0] + (disp[i][0] / len) * move));
      pos[i][1] = Math.min(h - margin / 2, Math.max(margin / 2, pos[i][1] + (disp[i][1] / len) * move));
    }
    temperature = Math.max(1, temperature * 0.97);
  }
  return pos;
}

const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

/** A key to the quad-class colours, its top left corner at (x, y). */
function quadLegend(x, y) {
  return [1, 2, 3, 4]
    .map((q, k) => `<rect x="${x}" y="${y + 16 * k}" width="12" height="12" fill="${quadColour(q)}"/><text class="axis" x="${x + 18}" y="${y + 10 + 16 * k}">${q} ${QUAD_NAMES[q]}</text>`)
    .join("");
}

/** Equirectangular projection of the world between 85°N and 60°S. */
const MAP = { W: 960, H: 400, north: 85, south: -60 };
export const project = ([lon, lat]) => [((lon + 180) / 360) * MAP.W, ((MAP.north - lat) / (MAP.north - MAP.south)) * MAP.H];

/**
 * One ring as SVG path data. A ring that crosses the antimeridian (Russia,
 * Fiji) would be drawn with a line across the whole map; the path starts a
 * new piece wherever the longitude jumps by more than half the world.
 */
function ringPath(ring) {
  let d = "";
  let last = null;
  for (const p of ring) {
    const [x, y] = project(p).map((v) => v.toFixed(1));
    d += last === null || Math.abs(p[0] - last) > 180 ? `M${x},${y}` : `L${x},${y}`;
    last = p[0];
  }
  return d + "Z";
}

/** The countries as SVG paths plus one dot per place, sized by events. */
export function map(countries, places) {
  const paths = countries
    .map((c) => {
      const d = c.rings.map(ringPath).join("");
      return `<path class="country" d="${d}"><title>${esc(c.name)}</title></path>`;
    })
    .join("");
  const maxN = Math.max(1, ...places.map((p) => p.events.length));
  const dots = places
    .map((p, i) => {
      const [x, y] = project([p.lon, p.lat]);
      const r = 3 + 9 * Math.sqrt(p.events.length / maxN);
      return `<circle class="dot" data-place="${i}" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${quadColour(p.quad)}"><title>${esc(p.name)}: ${p.events.length} events</title></circle>`;
    })
    .join("");
  return `<svg id="map-svg" viewBox="0 0 ${MAP.W} ${MAP.H}" width="${MAP.W}" height="${MAP.H}"><rect width="${MAP.W}" height="${MAP.H}" fill="#f4f8fb"/>${paths}${dots}${quadLegend(10, MAP.H - 72)}</svg>`;
}
