// Explore: filter the stored events, then see them as a timeline, an actor
// network, a map and a list; click through to every mention (report) of an
// event and the sentence it came from.
import { api, allPages, cameo, esc } from "./api.js";
import { timeline, fillPeriods, network, map, quadColour } from "./charts.js";
import { rings } from "./topojson.js";

const $ = (id) => document.getElementById(id);
/** Most events drawn in the network, map and list. */
const MAX_EVENTS = 2000;

let state = { filters: {}, events: [], tab: "timeline", places: [] };
let countries = null;

export function initExplore() {
  $("explore-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("timeline-metric").addEventListener("change", drawTimeline);
  $("timeline-by").addEventListener("change", drawTimeline);
  $("map-chart").addEventListener("click", (e) => {
    const dot = e.target.closest("[data-place]");
    if (dot) showEvents(state.places[Number(dot.dataset.place)]);
  });
  // Clicking an actor in the network narrows every view to its events.
  $("network-chart").addEventListener("click", (e) => {
    const node = e.target.closest("[data-code]");
    if (!node) return;
    $("explore-filters").elements.actor.value = node.dataset.code;
    load();
  });
  $("event-list").addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-id]");
    if (row) showMentions(Number(row.dataset.id));
  });
  showTab("timeline");
  load();
}

function filters() {
  const out = {};
  for (const [k, v] of new FormData($("explore-filters"))) if (String(v).trim()) out[k] = String(v).trim();
  return out;
}

async function load() {
  const status = $("explore-status");
  state.filters = filters();
  $("mentions").hidden = true;
  status.className = "";
  status.textContent = "loading…";
  try {
    state.events = await allPages("/v1/events", { ...state.filters, limit: 500 }, "events", MAX_EVENTS);
    status.textContent =
      state.events.length >= MAX_EVENTS
        ? `${MAX_EVENTS}+ events: the network, map and list show the first ${MAX_EVENTS} by date (the timeline counts all); narrow the filters to see the rest`
        : `${state.events.length} events`;
    await draw();
  } catch (err) {
    status.className = "error";
    status.textContent = err.message;
  }
}

function showTab(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("active", b.dataset.tab === tab);
  for (const p of document.querySelectorAll("#explore .panel")) p.hidden = p.id !== `panel-${tab}`;
  draw();
}

async function draw() {
  if (state.tab === "timeline") return drawTimeline();
  if (state.tab === "network") $("network-chart").innerHTML = network(state.events);
  if (state.tab === "map") return drawMap();
  if (state.tab === "list") return drawList(state.events);
}

async function drawTimeline() {
  const by = $("timeline-by").value;
  try {
    const rows = await allPages("/v1/aggregates", { ...state.filters, kind: "timeline", by, limit: 1000 }, "rows");
    $("timeline-chart").innerHTML = timeline(fillPeriods(rows, by), $("timeline-metric").value);
    // What is drawn, for tests and bookmarks: the filters, metric and period.
    $("timeline-chart").dataset.drawn = new URLSearchParams({ ...state.filters, metric: $("timeline-metric").value, by }).toString();
  } catch (err) {
    $("timeline-chart").innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
}

async function drawMap() {
  if (!countries) countries = rings(await api("/ui/countries-110m.json"), "countries");
  const byPlace = new Map();
  for (const m of state.events) {
    const loc = m.event.location;
    if (!loc || loc.lat == null || loc.lon == null) continue;
    const key = `${loc.lat.toFixed(2)},${loc.lon.toFixed(2)}`;
    const place = byPlace.get(key) || { name: loc.name, lat: loc.lat, lon: loc.lon, events: [], q: [0, 0, 0, 0, 0] };
    place.events.push(m);
    place.q[m.event.quad_class || 0] += 1;
    byPlace.set(key, place);
  }
  state.places = [...byPlace.values()].map((p) => ({ ...p, quad: p.q.indexOf(Math.max(...p.q)) }));
  $("map-chart").innerHTML = map(countries, state.places);
}

async function drawList(events) {
  const codes = await cameo();
  const rows = events
    .map((m) => {
      const e = m.event;
      return `<tr data-id="${m.id}"><td>${esc(e.date ?? "")}</td><td>${esc(e.source.code)}</td>
        <td><span style="color:${quadColour(e.quad_class)}">■</span> ${esc(e.cameo)} ${esc(codes[e.cameo]?.name ?? "")}</td>
        <td>${esc(e.target?.code ?? "")}</td><td>${esc(e.location?.name ?? "")}</td><td>${esc(e.mode)}</td>
        <td>${m.num_mentions}</td><td>${m.num_articles}</td></tr>`;
    })
    .join("");
  $("event-list").innerHTML = `<table><thead><tr><th>date</th><th>source</th><th>event</th><th>target</th><th>place</th><th>mode</th><th>mentions</th><th>articles</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The events at a map place, as a list to click through. */
function showEvents(place) {
  showTab("list");
  drawList(place.events);
}

async function showMentions(id) {
  const box = $("mentions");
  box.hidden = false;
  box.innerHTML = "loading…";
  try {
    const [m, codes] = await Promise.all([api(`/v1/events/${id}`), cameo()]);
    const e = m.event;
    const mentions = (m.mentions || [])
      .map((x) => `<div class="mention"><div class="meta">${esc(x.article_id)}${x.source_name ? ` · ${esc(x.source_name)}` : ""}${x.article_date ? ` · ${esc(x.article_date)}` : ""}${x.url ? ` · <a href="${esc(x.url)}" rel="noreferrer">link</a>` : ""} · sentence ${x.event.sentence + 1} · ${esc(x.event.mode)}${x.event.reported && x.event.speaker ? ` · said by ${esc(x.event.speaker.code)}` : ""}</div>
        <div class="sentence">${highlight(x.event)}</div></div>`)
      .join("");
    box.innerHTML = `<h3>${esc(e.source.code)} → ${esc(e.cameo)} ${esc(codes[e.cameo]?.name ?? "")} → ${esc(e.target?.code ?? "—")}</h3>
      <p>${m.num_mentions} mentions in ${m.num_articles} articles from ${m.num_sources} sources; first stored ${esc(m.date_added)}</p>${mentions}`;
  } catch (err) {
    box.innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
}

/**
 * A mention's sentence with its source, target and trigger marked. The
 * stored spans count from the start of the article, not of the sentence,
 * so the words are found in the sentence by their text, nearest to where
 * the spans put them relative to the trigger.
 */
function highlight(e) {
  const text = e.text;
  const parts = [
    { t: e.source?.text, cls: "hl-source" },
    { t: e.target?.text, cls: "hl-target" },
    { t: e.trigger?.text, cls: "hl-trigger" },
  ].filter((p) => p.t);
  const found = [];
  for (const p of parts) {
    const at = text.indexOf(p.t);
    if (at >= 0 && !found.some((f) => at < f.end && at + p.t.length > f.start)) found.push({ start: at, end: at + p.t.length, cls: p.cls });
  }
  found.sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const f of found) {
    out += esc(text.slice(pos, f.start)) + `<mark class="${f.cls}">${esc(text.slice(f.start, f.end))}</mark>`;
    pos = f.end;
  }
  return out + esc(text.slice(pos));
}
