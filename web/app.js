// Switches between the Explain and Explore views by the address's #hash.
import { initExplain } from "./explain.js";
import { initExplore } from "./explore.js";

const views = { explain: initExplain, explore: initExplore };
const started = new Set();

function show() {
  const name = location.hash.slice(1) in views ? location.hash.slice(1) : "explain";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== name;
  for (const link of document.querySelectorAll("header nav a[data-view]")) link.classList.toggle("active", link.dataset.view === name);
  if (!started.has(name)) {
    started.add(name);
    views[name]();
  }
}

window.addEventListener("hashchange", show);
show();
