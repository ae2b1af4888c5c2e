// Calls to dyad's HTTP API. Every error body is {"error": {"code", "message"}};
// it is thrown as an Error whose message is the server's.

export async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const e = body && body.error ? body.error : { code: String(response.status), message: response.statusText };
    const err = new Error(`${e.message} (${e.code})`);
    err.code = e.code;
    throw err;
  }
  return body;
}

export function postJson(path, value) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) });
}

/** Fetches every page of a cursor-paginated list, up to `max` items. */
export async function allPages(path, params, field, max = 5000) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams(params);
    if (cursor) query.set("cursor", cursor);
    const page = await api(`${path}?${query}`);
    items.push(...page[field]);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return items;
}

let cameoNames = null;
/** CAMEO code -> {name, goldstein, quad_class, plover}, fetched once. */
export async function cameo() {
  if (!cameoNames) cameoNames = api("/v1/cameo").then((b) => b.codes);
  return cameoNames;
}

/** Escapes text for HTML. */
export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
