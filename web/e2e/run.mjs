// End-to-end run of dyad's web UI in Debian's headless Chromium.
//
//   node web/e2e/run.mjs BASE_URL SCREENSHOT_DIR
//
// Pastes an article (with emoji and other astral characters before the
// actors, so UTF-16 and code-point offsets differ), waits for the events,
// then opens the timeline, the network and the map of the stored events
// and clicks through to the mentions of one event. Saves a screenshot of
// each view and prints one JSON object with what it saw; the Rust test
// (crates/dyad-cli/tests/serve_e2e.rs) asserts on it.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node run.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "dyad-e2e-"));

const ARTICLE = {
  title: "🚀🇺🇦 Putin in Tehran 𝔸",
  date: "2022-07-20",
  text:
    "Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Tehran on Tuesday. 😀 " +
    "Russian forces shelled Kharkiv on Monday, killing three civilians, Ukrainian officials said.",
};

// A fresh profile directory for every run (Playwright passes it to
// Chromium as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1400, height: 1000 },
});
const out = { errors: [] };
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => out.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && out.errors.push(m.text()));

  // Explain.
  await page.goto(`${base}/#explain`);
  await page.fill("#explain-title", ARTICLE.title);
  await page.fill("#explain-date", ARTICLE.date);
  await page.fill("#explain-text", ARTICLE.text);
  await page.click("#explain-run");
  await page.waitForSelector("#explain-result .event", { timeout: 30000 });
  out.explain = await page.evaluate(() => ({
    events: document.querySelectorAll("#explain-result .event").length,
    sentences: document.querySelectorAll("#explain-result .sentence-row").length,
    status: document.getElementById("explain-status").textContent,
    // What the highlighting marked, by role, as the reader sees it.
    sources: [...document.querySelectorAll("mark.hl-source")].map((m) => m.textContent),
    targets: [...document.querySelectorAll("mark.hl-target")].map((m) => m.textContent),
    triggers: [...document.querySelectorAll("mark.hl-trigger")].map((m) => m.textContent),
    places: [...document.querySelectorAll("mark.hl-place")].map((m) => m.textContent),
    codeNames: [...document.querySelectorAll("#explain-result .event h4")].map((h) => h.textContent.trim()),
    rules: [...document.querySelectorAll("#explain-result .ev-rule")].map((d) => d.textContent.trim()),
  }));
  // The events the API gives for the same request, to compare with the
  // highlighting.
  out.api = await page.evaluate(async (article) => {
    const r = await fetch("/v1/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(article) });
    const body = await r.json();
    return body.events.map((e) => ({ source: e.source.text, target: e.target?.text ?? null, trigger: e.trigger.text, cameo: e.cameo }));
  }, ARTICLE);
  await page.click("#explain-result .event");
  out.explain.focused = await page.locator("mark.focus").count();
  await page.screenshot({ path: join(shots, "explain.png"), fullPage: true });

  // Upload: a .txt file's first line is its headline, as for `dyad code`.
  await page.setInputFiles("#explain-file", {
    name: "article.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Israel strikes Gaza\n\nIsraeli aircraft struck targets in Gaza on Monday."),
  });
  await page.waitForFunction(() => document.getElementById("explain-title").value === "Israel strikes Gaza");
  await page.click("#explain-run");
  await page.waitForFunction(() => /^\d+ events/.test(document.getElementById("explain-status").textContent) && document.querySelector("#explain-result .sentence-row"));
  out.upload = await page.evaluate(() => ({
    title: document.getElementById("explain-title").value,
    text: document.getElementById("explain-text").value,
    triggers: [...document.querySelectorAll("mark.hl-trigger")].map((m) => m.textContent),
  }));

  // Explore: timeline.
  await page.goto(`${base}/#explore`);
  await page.waitForSelector("#timeline-svg rect.bar", { state: "attached", timeout: 30000 });
  out.timeline = await page.evaluate(() => ({
    bars: document.querySelectorAll("#timeline-svg rect.bar").length,
    keys: [...document.querySelectorAll("#timeline-svg rect.bar")].map((r) => r.dataset.key),
  }));
  await page.screenshot({ path: join(shots, "timeline.png"), fullPage: true });
  await page.selectOption("#timeline-metric", "goldstein");
  await page.waitForSelector('#timeline-chart[data-drawn="metric=goldstein&by=week"]', { state: "attached", timeout: 30000 });
  out.timeline.goldsteinBars = await page.locator("#timeline-svg rect.bar").count();
  out.timeline.negativeBars = await page.evaluate(() =>
    [...document.querySelectorAll("#timeline-svg rect.bar title")].filter((t) => / -\d/.test(t.textContent)).length);

  // Network.
  await page.click("#tab-network");
  await page.waitForSelector("#network-svg .edge", { state: "attached", timeout: 30000 });
  out.network = await page.evaluate(() => ({
    nodes: document.querySelectorAll("#network-svg g.node").length,
    edges: document.querySelectorAll("#network-svg .edge").length,
    colours: [...new Set([...document.querySelectorAll("#network-svg .edge")].map((l) => l.getAttribute("stroke")))],
  }));
  await page.screenshot({ path: join(shots, "network.png"), fullPage: true });

  // Map.
  await page.click("#tab-map");
  await page.waitForSelector("#map-svg circle.dot", { state: "attached", timeout: 30000 });
  out.map = await page.evaluate(() => ({
    countries: document.querySelectorAll("#map-svg path.country").length,
    dots: document.querySelectorAll("#map-svg circle.dot").length,
    places: [...document.querySelectorAll("#map-svg circle.dot title")].map((t) => t.textContent),
  }));
  await page.screenshot({ path: join(shots, "map.png"), fullPage: true });

  // Click through: a place on the map, an event of it, its mentions.
  await page.click("#map-svg circle.dot", { force: true });
  await page.waitForSelector("#event-list tr[data-id]", { timeout: 30000 });
  out.placeEvents = await page.locator("#event-list tr[data-id]").count();
  await page.click("#event-list tr[data-id]");
  await page.waitForSelector("#mentions .mention", { timeout: 30000 });
  out.mentions = await page.evaluate(() => ({
    count: document.querySelectorAll("#mentions .mention").length,
    sentences: [...document.querySelectorAll("#mentions .mention .sentence")].map((s) => s.textContent),
    marked: document.querySelectorAll("#mentions mark").length,
  }));
  await page.screenshot({ path: join(shots, "mentions.png"), fullPage: true });

  // A dyad's timeline: Russian actors against Ukrainian ones.
  await page.click("#tab-timeline");
  await page.fill("#explore-filters input[name=source]", "RUS");
  await page.fill("#explore-filters input[name=target]", "UKR");
  await page.click("#explore-apply");
  await page.waitForSelector('#timeline-chart[data-drawn="source=RUS&target=UKR&metric=goldstein&by=week"]', { state: "attached", timeout: 30000 });
  out.dyad = await page.evaluate(() => ({
    status: document.getElementById("explore-status").textContent,
    keys: [...document.querySelectorAll("#timeline-svg rect.bar")].map((r) => r.dataset.key),
  }));
  await page.screenshot({ path: join(shots, "dyad-timeline.png"), fullPage: true });
  await page.fill("#explore-filters input[name=source]", "");
  await page.fill("#explore-filters input[name=target]", "");

  // A filter that matches nothing draws an empty timeline, not an error.
  await page.click("#tab-timeline");
  await page.fill("#explore-filters input[name=actor]", "ZZZ");
  await page.click("#explore-apply");
  await page.waitForFunction(() => document.getElementById("explore-status").textContent.startsWith("0 events"), null, { timeout: 30000 });
  out.emptyFilter = await page.locator("#explore-status").textContent();
} catch (err) {
  out.failure = String(err && err.stack ? err.stack : err);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
process.exit(out.failure ? 1 : 0);
