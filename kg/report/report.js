// conflict-kg report: renders the JSON in #kg-data; no network, no libraries.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const world = JSON.parse(document.getElementById("kg-world").textContent);
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const byKey = {};
  for (const list of [data.entities, data.events, data.statements]) for (const item of list) byKey[item.k] = item;
  const label = (k) => (byKey[k] ? byKey[k].label : "");
  const names = (ks) => ks.map(label).join(", ");
  const PAGE_ROWS = 100, PAGE_DOCS = 10;
  const state = { type: "", actor: "", fact: "", stmtPage: 0, docPage: 0 };

  // ---- counts and filters
  function renderCounts() {
    const parts = [];
    for (const [group, counts] of Object.entries(data.counts))
      for (const [name, n] of Object.entries(counts))
        parts.push(`<span class="count" data-group="${esc(group)}" data-name="${esc(name)}">${group === name ? "" : `<span class="grp">${esc(group)}</span>`}${esc(name)} <b>${n}</b></span>`);
    $("counts").innerHTML = parts.join("");
  }
  function option(select, value, text) {
    const o = document.createElement("option");
    o.value = value; o.textContent = text; select.appendChild(o);
  }
  function renderFilters() {
    for (const t of Object.keys(data.counts.events)) option($("f-type"), t, `${t} (${data.counts.events[t]})`);
    for (const f of Object.keys(data.counts.factuality)) option($("f-fact"), f, f);
    const uses = {};
    for (const ev of data.events) for (const k of ev.agents.concat(ev.targets)) uses[k] = (uses[k] || 0) + 1;
    for (const s of data.statements) for (const k of s.speakers) uses[k] = (uses[k] || 0) + 1;
    Object.keys(uses).sort((a, b) => label(a).localeCompare(label(b)))
      .forEach((k) => option($("f-actor"), k, `${label(k)} (${uses[k]})`));
    for (const [id, key] of [["f-type", "type"], ["f-actor", "actor"], ["f-fact", "fact"]])
      $(id).addEventListener("change", (e) => { state[key] = e.target.value; state.stmtPage = 0; refresh(); });
  }
  function eventShown(ev) {
    return (!state.type || ev.type === state.type) && (!state.fact || ev.fact === state.fact) &&
      (!state.actor || ev.agents.includes(state.actor) || ev.targets.includes(state.actor));
  }
  function statementShown(s) {
    return (!state.actor || s.speakers.includes(state.actor)) && (!state.fact || s.fact.split("; ").includes(state.fact)) &&
      (!state.type || data.events.some((ev) => ev.type === state.type && ev.by.includes(s.k)));
  }
  const anchor = (doc, b, e, quote) => `#d${doc}-${quote ? "q" : ""}${b}-${e}`;

  // ---- map: equirectangular, x scaled by cos(latitude of the points), viewBox zoom and pan
  const svgNS = "http://www.w3.org/2000/svg";
  const map = { view: null, home: null, k: 1 };
  function project(lon, lat) { return [lon * map.k, -lat]; }
  function renderMapBase() {
    const svg = $("map");
    const located = data.entities.filter((e) => e.lat != null);
    const lats = located.map((e) => e.lat);
    const mid = lats.length ? (Math.min(...lats) + Math.max(...lats)) / 2 : 0;
    map.k = Math.cos((mid * Math.PI) / 180);
    const land = document.createElementNS(svgNS, "path");
    const d = [];
    for (const c of world.countries)
      for (const ring of c.rings) {
        let s = "M";
        for (let i = 0; i < ring.length; i += 2) {
          const [x, y] = project(ring[i], ring[i + 1]);
          s += (i ? "L" : "") + x.toFixed(2) + " " + y.toFixed(2);
        }
        d.push(s + "Z");
      }
    land.setAttribute("d", d.join(""));
    land.setAttribute("class", "land");
    land.setAttribute("fill-rule", "evenodd");
    svg.appendChild(land);
    const layer = document.createElementNS(svgNS, "g");
    layer.id = "points";
    svg.appendChild(layer);
    $("map-attribution").textContent = world.attribution;
    // the first view fits the located events (else every located place)
    const events = data.events.filter((ev) => ev.lat != null);
    const fit = events.length ? events : located;
    if (fit.length) {
      const xs = fit.map((e) => project(e.lon, e.lat)[0]), ys = fit.map((e) => project(e.lon, e.lat)[1]);
      const pad = 1.5;
      map.home = [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) - Math.min(...xs) + 2 * pad, Math.max(...ys) - Math.min(...ys) + 2 * pad];
    } else map.home = [-180 * map.k, -85, 360 * map.k, 170];
    setView(map.home.slice());
    wireMap(svg);
  }
  function setView(v) {
    const svg = $("map");
    const w = Math.max(1, svg.clientWidth || 800), h = Math.max(1, svg.clientHeight || 460);
    // match the element's aspect, so a unit is as wide as it is high, in pixels too
    if (v[2] / v[3] < w / h) { const nw = (v[3] * w) / h; v = [v[0] - (nw - v[2]) / 2, v[1], nw, v[3]]; }
    else { const nh = (v[2] * h) / w; v = [v[0], v[1] - (nh - v[3]) / 2, v[2], nh]; }
    map.view = v;
    svg.setAttribute("viewBox", v.map((n) => n.toFixed(4)).join(" "));
    const px = v[2] / w;
    for (const c of svg.querySelectorAll("circle")) c.setAttribute("r", (+c.dataset.r * px).toFixed(4));
  }
  function wireMap(svg) {
    svg.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect(), v = map.view, f = e.deltaY < 0 ? 0.8 : 1.25;
      const mx = v[0] + ((e.clientX - r.left) / r.width) * v[2], my = v[1] + ((e.clientY - r.top) / r.height) * v[3];
      setView([mx - (mx - v[0]) * f, my - (my - v[1]) * f, v[2] * f, v[3] * f]);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (e) => { drag = [e.clientX, e.clientY, map.view.slice()]; svg.setPointerCapture(e.pointerId); });
    svg.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const r = svg.getBoundingClientRect(), v = drag[2];
      setView([v[0] - ((e.clientX - drag[0]) / r.width) * v[2], v[1] - ((e.clientY - drag[1]) / r.height) * v[3], v[2], v[3]]);
    });
    svg.addEventListener("pointerup", () => { drag = null; });
    svg.addEventListener("dblclick", () => setView(map.home.slice()));
  }
  function renderMapPoints(events) {
    const layer = $("points");
    layer.textContent = "";
    const spots = {};
    const key = (lat, lon) => lat.toFixed(4) + "," + lon.toFixed(4);
    for (const e of data.entities) if (e.lat != null) spots[key(e.lat, e.lon)] = { lat: e.lat, lon: e.lon, place: e, events: [] };
    for (const ev of events) if (ev.lat != null) {
      const k = key(ev.lat, ev.lon);
      (spots[k] = spots[k] || { lat: ev.lat, lon: ev.lon, place: null, events: [] }).events.push(ev);
    }
    for (const s of Object.values(spots)) {
      const [x, y] = project(s.lon, s.lat);
      const c = document.createElementNS(svgNS, "circle");
      c.setAttribute("cx", x.toFixed(4)); c.setAttribute("cy", y.toFixed(4));
      c.dataset.r = s.events.length ? String(4 + Math.min(10, 2 * Math.sqrt(s.events.length))) : "3.5";
      c.setAttribute("class", s.events.length ? "ev" : "pl");
      const title = document.createElementNS(svgNS, "title");
      const types = {};
      for (const ev of s.events) types[ev.type] = (types[ev.type] || 0) + 1;
      title.textContent = (s.place ? s.place.label + " (" + s.place.type + ")" : (s.events[0] && s.events[0].loc) || "") +
        (s.events.length ? ": " + Object.entries(types).map(([t, n]) => `${n} ${t}`).join(", ") : "");
      c.appendChild(title);
      if (s.events.length) c.addEventListener("click", () => { location.hash = anchor(s.events[0].doc, s.events[0].b, s.events[0].e).slice(1); });
      if (s.events.length) layer.appendChild(c); else layer.insertBefore(c, layer.firstChild);
    }
    setView(map.view);
  }

  // ---- timeline
  function renderTimeline(events) {
    // undated events sit on their document's date, after the dated ones of that day
    const days = {};
    for (const ev of events) {
      const key = ev.date || (data.documents[ev.doc].date ? `${data.documents[ev.doc].date} undated, reported` : "~ undated");
      (days[key] = days[key] || []).push(ev);
    }
    const order = Object.keys(days).sort();
    const most = Math.max(1, ...order.map((d) => days[d].length));
    $("timeline").innerHTML = order.map((d) => `<div class="day"><div class="date">${esc(d)}<br><span class="bar" style="width:${(6 * days[d].length) / most}rem"></span>${days[d].length}</div><div class="chips">` +
      days[d].map((ev) => `<a class="chip ev-chip" data-k="${ev.k}" href="${anchor(ev.doc, ev.b, ev.e)}">${esc(ev.type)}${ev.loc ? " · " + esc(ev.loc) : ""}${ev.agents.length ? " · " + esc(names(ev.agents)) : ""}${ev.prec && ev.prec !== "day" ? " (" + esc(ev.prec) + ")" : ""}</a>`).join("") +
      "</div></div>").join("") || "<p>No events.</p>";
  }

  // ---- statements
  function pager(id, total, size, page, onPage) {
    const pages = Math.ceil(total / size), el = $(id);
    el.textContent = "";
    if (pages <= 1) return;
    for (let p = 0; p < pages; p++) {
      const b = document.createElement("button");
      b.type = "button"; b.textContent = String(p + 1); b.disabled = p === page;
      b.addEventListener("click", () => onPage(p));
      el.appendChild(b);
    }
  }
  function renderStatements() {
    const rows = data.statements.filter(statementShown);
    const page = rows.slice(state.stmtPage * PAGE_ROWS, (state.stmtPage + 1) * PAGE_ROWS);
    document.querySelector("#statements tbody").innerHTML = page.map((s) => `<tr class="stmt" data-k="${s.k}"><td>${esc(s.speaker) || "<i>unattributed</i>"}</td><td class="quote">${esc(s.quote)}</td><td>${esc(s.medium)}</td><td>${s.direct ? "direct" : "reported"}</td><td>${esc(s.fact)}</td><td>${esc(s.date)}</td><td><a class="off" href="${anchor(s.doc, s.b, s.e, true)}">${esc(data.documents[s.doc].id)} ${s.b}–${s.e}</a></td></tr>`).join("");
    pager("statements-pager", rows.length, PAGE_ROWS, state.stmtPage, (p) => { state.stmtPage = p; renderStatements(); });
    return rows.length;
  }

  // ---- documents
  let byDoc = null;
  function summary(n) {
    if (!byDoc) {
      byDoc = {};
      for (const item of data.events.concat(data.statements)) (byDoc[item.doc] = byDoc[item.doc] || []).push(item);
      for (const list of Object.values(byDoc)) list.sort((a, b) => a.b - b.b);
    }
    return '<ul class="summary">' + (byDoc[n] || []).map((it) => {
      const quote = it.quote != null, id = anchor(n, it.b, it.e, quote).slice(1);
      const cls = quote ? "q" : `ev ${it.type} f-${it.fact}`;
      const text = quote ? (it.speaker ? it.speaker + ": " : "") + it.quote : it.trigger;
      return `<li><a class="off" href="#${id}">${it.b}–${it.e}</a> <span class="${esc(cls)}" data-k="${it.k}" data-b="${it.b}" data-e="${it.e}" id="${id}">${esc(text)}</span></li>`;
    }).join("") + "</ul>";
  }
  function renderDocuments() {
    const docs = data.documents;
    const first = state.docPage * PAGE_DOCS;
    $("documents").innerHTML = docs.slice(first, first + PAGE_DOCS).map((d, i) => `<article class="doc" id="doc-${first + i}"><h3>${esc(d.title || d.id)}</h3><div class="meta">${esc(d.id)}${d.date ? " · " + esc(d.date) : ""}${d.url ? ` · <a href="${esc(d.url)}" rel="noreferrer">${esc(d.url)}</a>` : ""}${d.full ? "" : d.has_text ? " · summary (events and statements; the full text is shown for the first documents only)" : " · the graph holds no text (kg build --include-text): the anchors it holds"}</div><div class="${d.full ? "text" : ""}">${d.html || summary(first + i)}</div></article>`).join("");
    for (const el of $("documents").querySelectorAll(".ev")) el.dataset.t = byKey[el.dataset.k] ? byKey[el.dataset.k].type : "";
    for (const el of $("documents").querySelectorAll(".q")) {
      const s = byKey[el.dataset.k];
      if (s && s.speaker) el.dataset.sp = s.speaker + ":";
    }
    pager("documents-pager", docs.length, PAGE_DOCS, state.docPage, (p) => { state.docPage = p; renderDocuments(); });
    dimDocuments();
  }
  function dimDocuments() {
    const filtering = state.type || state.actor || state.fact;
    for (const el of $("documents").querySelectorAll(".ev")) {
      const ev = byKey[el.dataset.k];
      el.classList.toggle("dim", Boolean(filtering && ev && !eventShown(ev)));
    }
  }

  // ---- hover details
  function describe(item) {
    if (!item) return "";
    if (item.type && item.agents) {
      const rows = [["event", item.type], ["factuality", item.fact], ["date", item.date ? `${item.date} (${item.prec}${item.phrase ? ', "' + item.phrase + '"' : ""})` : ""],
        ["agent", names(item.agents)], ["target", names(item.targets)], ["place", names(item.places)], ["ACLED", item.acled], ["codes", item.codes],
        ["reported by", item.by.map((k) => byKey[k] && (byKey[k].speaker || "unattributed")).join(", ")], ["confidence", item.conf], ["characters", `${item.b}–${item.e}`]];
      return rows.filter((r) => r[1] !== "" && r[1] != null).map((r) => `<b>${esc(r[0])}</b> ${esc(r[1])}`).join("<br>");
    }
    if (item.quote != null) return `<b>speaker</b> ${esc(item.speaker || "unattributed")}<br><b>${item.direct ? "direct quote" : "reported speech"}</b>${item.medium ? "<br><b>medium</b> " + esc(item.medium) : ""}${item.fact ? "<br><b>factuality</b> " + esc(item.fact) : ""}<br><b>characters</b> ${item.b}–${item.e}`;
    return `<b>${esc(item.type)}</b> ${esc(item.label)}${item.qid ? " · " + esc(item.qid) : ""}${item.lat != null ? `<br>${item.lat.toFixed(3)}, ${item.lon.toFixed(3)}` : ""}<br>${item.n} mention(s)`;
  }
  function wireTips() {
    const tip = $("tip");
    document.addEventListener("mouseover", (e) => {
      const el = e.target.closest && e.target.closest("[data-k]");
      if (!el || !byKey[el.dataset.k]) { tip.hidden = true; return; }
      tip.innerHTML = describe(byKey[el.dataset.k]);
      tip.hidden = false;
      const r = el.getBoundingClientRect();
      tip.style.left = Math.min(window.innerWidth - 320, r.left) + "px";
      tip.style.top = (r.bottom + 6) + "px";
    });
  }

  // ---- links to offsets: show the page of the document, then scroll to the span
  function follow() {
    const m = /^#d(\d+)-/.exec(location.hash);
    if (!m) return;
    const page = Math.floor(+m[1] / PAGE_DOCS);
    if (!document.getElementById(location.hash.slice(1)) && page === state.docPage) return;
    if (page !== state.docPage) { state.docPage = page; renderDocuments(); }
    const el = document.getElementById(location.hash.slice(1));
    if (el) { el.scrollIntoView({ block: "center" }); el.classList.add("flash"); setTimeout(() => el.classList.remove("flash"), 1500); }
  }

  function refresh() {
    const events = data.events.filter(eventShown);
    renderMapPoints(events);
    renderTimeline(events);
    const nStatements = renderStatements();
    dimDocuments();
    const omitted = data.omitted.events + data.omitted.statements ? ` (${data.omitted.events} events and ${data.omitted.statements} statements not embedded: see kg export)` : "";
    $("f-shown").textContent = `${events.length} of ${data.events.length} events, ${nStatements} of ${data.statements.length} statements shown${omitted}`;
  }

  renderCounts();
  renderFilters();
  $("legend").innerHTML = "Entities underlined by type: " + ["Person", "Organization", "MilitaryUnit", "Country", "Settlement", "Facility"].map((t) => `<span class="ent ${t}">${t}</span>`).join(" ") +
    '; event triggers <span class="ev">boxed</span> with their type (dashed: claimed or hypothetical, struck: denied); <span class="q">quotes</span> with their speaker. Hover for details.';
  renderMapBase();
  renderDocuments();
  refresh();
  wireTips();
  window.addEventListener("hashchange", follow);
  if (location.hash) follow();
  document.body.dataset.ready = "1";
  window.kgReadyAt = performance.now();
})();
