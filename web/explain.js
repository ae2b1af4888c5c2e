// Explain: code a pasted or uploaded article and show why each event was
// coded: the sentence with its spans highlighted, and the events beside it.
import { postJson, cameo, esc } from "./api.js";
import { codePoints, segment, sliceSpan } from "./spans.js";

const $ = (id) => document.getElementById(id);

export function initExplain() {
  $("explain-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const text = await file.text();
    // As for a .txt file given to `dyad code`: the first line is the
    // headline when body lines follow.
    const lines = text.split(/\r?\n/);
    if (lines.length > 1 && lines.slice(1).some((l) => l.trim())) {
      $("explain-title").value = lines[0].trim();
      $("explain-text").value = lines.slice(1).join("\n").replace(/^\s*\n/, "");
    } else {
      $("explain-text").value = text;
    }
  });
  $("explain-form").addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
}

async function run() {
  const status = $("explain-status");
  const out = $("explain-result");
  const request = { text: $("explain-text").value };
  if ($("explain-title").value.trim()) request.title = $("explain-title").value;
  if ($("explain-date").value) request.date = $("explain-date").value;
  status.className = "";
  status.textContent = "coding…";
  try {
    const started = performance.now();
    const [result, codes] = await Promise.all([postJson("/v1/code", request), cameo()]);
    status.textContent = `${result.events.length} events in ${result.sentences.length} sentences (${Math.round(performance.now() - started)} ms)`;
    out.innerHTML = render(result, codes);
    wire(out);
  } catch (err) {
    status.className = "error";
    status.textContent = err.message;
    out.innerHTML = "";
  }
}

/** The marks (highlighted spans) of one event. */
function eventMarks(ev, i) {
  const marks = [
    { span: ev.source?.span, cls: "hl-source", key: i },
    { span: ev.target?.span, cls: "hl-target", key: i },
    { span: ev.trigger?.span, cls: "hl-trigger", key: i },
    { span: ev.date_span, cls: "hl-date", key: i },
  ];
  // A document-level place lies outside the sentence; segment() drops it.
  if (ev.location?.span) marks.push({ span: ev.location.span, cls: "hl-place", key: i });
  return marks.filter((m) => m.span);
}

function render(result, codes) {
  const points = codePoints(result.text);
  const rows = [];
  for (const s of result.sentences) {
    const marks = s.actors.map((a) => ({ span: a.span, cls: "hl-actor", key: -1 }));
    for (const i of s.events) marks.push(...eventMarks(result.events[i], i));
    const html = segment(points, s.span[0], s.span[1], marks)
      .map((seg) => {
        if (!seg.marks.length) return esc(seg.text);
        // The most specific mark gives the colour: event roles over plain
        // actors, the trigger over everything.
        const order = ["hl-trigger", "hl-source", "hl-target", "hl-date", "hl-place", "hl-actor"];
        const cls = order.find((c) => seg.marks.some((m) => m.cls === c));
        const keys = [...new Set(seg.marks.filter((m) => m.key >= 0).map((m) => m.key))].join(" ");
        return `<mark class="${cls}" data-events="${keys}" title="${esc(seg.marks.map((m) => m.cls.slice(3)).join(", "))}">${esc(seg.text)}</mark>`;
      })
      .join("");
    const events = s.events.map((i) => eventCard(result.events[i], i, codes, points)).join("");
    const note = s.note ? `<div class="note">${esc(s.note)}</div>` : "";
    rows.push(`<div class="sentence-row" data-sentence="${s.index}"><div class="sentence"><span class="idx">[${s.index + 1}]</span>${html}${note}</div><div class="events">${events}</div></div>`);
  }
  return rows.join("");
}

function actor(a) {
  if (!a) return "—";
  const name = a.name && a.name !== a.text ? ` (${esc(a.name)})` : "";
  return `<b>${esc(a.code)}</b> “${esc(a.text)}”${name}`;
}

function eventCard(ev, i, codes, points) {
  const info = codes[ev.cameo];
  const name = info ? info.name : "unknown code";
  const date = ev.date
    ? `${esc(ev.date)} (${esc(ev.date_precision)})${ev.date_span ? ` from “${esc(sliceSpan(points, ev.date_span))}”` : ""}`
    : "unknown";
  const place = ev.location
    ? `${esc(ev.location.name)}${ev.location.country ? `, ${esc(ev.location.country)}` : ""} (${esc(ev.location.precision)})`
    : "—";
  const speaker = ev.reported ? (ev.speaker ? actor(ev.speaker) : "someone unnamed") : "—";
  return `<div class="event q${ev.quad_class ?? 0}" data-event="${i}">
    <h4><span class="code">${esc(ev.cameo)}</span> ${esc(name)}</h4>
    <dl>
      <dt>source</dt><dd class="ev-source">${actor(ev.source)}</dd>
      <dt>target</dt><dd class="ev-target">${actor(ev.target)}</dd>
      <dt>trigger</dt><dd>“${esc(ev.trigger.text)}”</dd>
      <dt>mode</dt><dd class="ev-mode">${esc(ev.mode)}</dd>
      <dt>reported by</dt><dd>${speaker}</dd>
      <dt>date</dt><dd class="ev-date">${date}</dd>
      <dt>place</dt><dd class="ev-place">${place}</dd>
      <dt>scores</dt><dd>quad class ${esc(ev.quad_class)}, Goldstein ${esc(ev.goldstein)}${ev.plover ? `, PLOVER ${esc(ev.plover)}` : ""}</dd>
      <dt>rule</dt><dd class="ev-rule"><code>${esc(ev.rule)}</code>${ev.rule_pattern ? ` <code>${esc(ev.rule_pattern)}</code>` : ""}</dd>
    </dl></div>`;
}

/** Clicking an event card outlines its spans in the sentence. */
function wire(out) {
  out.addEventListener("click", (e) => {
    const card = e.target.closest(".event");
    if (!card) return;
    const key = card.dataset.event;
    for (const mark of out.querySelectorAll("mark")) {
      mark.classList.toggle("focus", mark.dataset.events.split(" ").includes(key));
    }
  });
}
