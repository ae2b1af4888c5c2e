// SVG charts drawn by hand: a timeline, an actor network and a map. No
// chart library: the shapes are simple and the page must work offline.
import { esc } from "./api.js";

const QUAD_COLOURS = { 1: "#2b8cbe", 2: "#1a9850", 3: "#fdae61", 4: "#d73027" };
export const quadColour = (q) => QUAD_COLOURS[q] || "#888";

/** Bars of `rows` ({key, count, goldstein}) by `metric`, in order. */
export function timeline(rows, metric) {
  const W = 900, H = 320, left = 50, bottom = 40, top = 15;
  const values = rows.map((r) => (metric === "goldstein" ? r.goldstein : r.events));
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const y = (v) => top + ((max - v) / span) * (H - top - bottom);
  const step = (W - left - 10) / Math.max(rows.length, 1);
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
 * most of them have. Laid out on a circle, then relaxed by a few hundred
 * steps of a spring model (deterministic, so the same data draws the same).
 */
export function network(events, maxNodes = 30) {
  const W = 900, H = 600;
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
  const pos = names.map((_, i) => {
    const a = (2 * Math.PI * i) / names.length;
    return [W / 2 + (W / 2.6) * Math.cos(a), H / 2 + (H / 2.6) * Math.sin(a)];
  });
  for (let step = 0; step < 300; step++) {
    const force = pos.map(() => [0, 0]);
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const f = 4000 / d2;
        force[i][0] += f * dx; force[i][1] += f * dy;
        force[j][0] -= f * dx; force[j][1] -= f * dy;
      }
    }
    for (const l of links) {
      const [i, j] = [index.get(l.s), index.get(l.t)];
      const dx = pos[j][0] - pos[i][0], dy = pos[j][1] - pos[i][1];
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = 0.02 * (d - 120) / d;
      force[i][0] += f * dx; force[i][1] += f * dy;
      force[j][0] -= f * dx; force[j][1] -= f * dy;
    }
    const cool = 1 - step / 300;
    pos.forEach((p, i) => {
      p[0] = Math.min(W - 40, Math.max(40, p[0] + Math.max(-10, Math.min(10, force[i][0] + 0.01 * (W / 2 - p[0]))) * cool));
      p[1] = Math.min(H - 20, Math.max(20, p[1] + Math.max(-10, Math.min(10, force[i][1] + 0.01 * (H / 2 - p[1]))) * cool));
    });
  }
  const maxN = Math.max(1, ...links.map((l) => l.n));
  const lines = links
    .map((l) => {
      const [a, b] = [pos[index.get(l.s)], pos[index.get(l.t)]];
      const q = l.q.indexOf(Math.max(...l.q));
      const width = 1 + 5 * Math.sqrt(l.n / maxN);
      return `<line class="edge" data-source="${esc(l.s)}" data-target="${esc(l.t)}" x1="${a[0].toFixed(1)}" y1="${a[1].toFixed(1)}" x2="${b[0].toFixed(1)}" y2="${b[1].toFixed(1)}" stroke="${quadColour(q)}" stroke-width="${width.toFixed(1)}" marker-end="url(#arrow-${q})" opacity=".75"><title>${esc(l.s)} → ${esc(l.t)}: ${l.n} events</title></line>`;
    })
    .join("");
  const markers = [0, 1, 2, 3, 4]
    .map((q) => `<marker id="arrow-${q}" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0L10,5L0,10z" fill="${quadColour(q)}"/></marker>`)
    .join("");
  const nodes = names
    .map((c, i) => `<g class="node" data-code="${esc(c)}"><circle cx="${pos[i][0].toFixed(1)}" cy="${pos[i][1].toFixed(1)}" r="${(4 + Math.sqrt(degree.get(c))).toFixed(1)}" fill="#22252b"/><text x="${(pos[i][0] + 8).toFixed(1)}" y="${(pos[i][1] - 6).toFixed(1)}">${esc(c)}</text></g>`)
    .join("");
  const legend = [1, 2, 3, 4].map((q, k) => `<rect x="10" y="${10 + 16 * k}" width="12" height="12" fill="${quadColour(q)}"/><text class="axis" x="28" y="${20 + 16 * k}">quad class ${q}</text>`).join("");
  return `<svg id="network-svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><defs>${markers}</defs>${lines}${nodes}${legend}</svg>`;
}

/** Equirectangular projection of the world between 85°N and 60°S. */
const MAP = { W: 960, H: 400, north: 85, south: -60 };
export const project = ([lon, lat]) => [((lon + 180) / 360) * MAP.W, ((MAP.north - lat) / (MAP.north - MAP.south)) * MAP.H];

/** The countries as SVG paths plus one dot per place, sized by events. */
export function map(countries, places) {
  const paths = countries
    .map((c) => {
      const d = c.rings.map((r) => "M" + r.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("");
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
  return `<svg id="map-svg" viewBox="0 0 ${MAP.W} ${MAP.H}" width="${MAP.W}" height="${MAP.H}"><rect width="${MAP.W}" height="${MAP.H}" fill="#f4f8fb"/>${paths}${dots}</svg>`;
}
