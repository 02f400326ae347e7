/* The reviewers' workbench. Queue: j/k select, Enter opens. Review screen: the scan with the field's words boxed,
   the map (certificate polygon dashed over the map parcel, a finding's geometry), and decisions from the keyboard:
   j/k next/previous, a accept, e edit (Enter saves), r reject (asks a reason), s skip; for findings f fixed,
   v verify; for a list flagged as a whole, a form adds the missing item; for links 1–9 pick a candidate parcel, n not on the map; for addresses 1–9 pick today's unit. A stale write shows who changed it first. */
(function () {
  "use strict";
  const STORE = "landdb.review";
  const csrf = () => (document.querySelector("input[name=csrf_token]") || {}).value || "";
  const saved = () => { try { return JSON.parse(sessionStorage.getItem(STORE) || "{}"); } catch (e) { return {}; } };
  const save = (state) => sessionStorage.setItem(STORE, JSON.stringify(state));
  const typing = (e) => ["INPUT", "SELECT", "TEXTAREA"].includes(e.target.tagName);

  /* ---------------------------------------------------------------- queue */
  const queue = document.querySelector(".review-queue");
  if (queue) {
    const filters = JSON.parse(queue.dataset.filters || "{}");
    const rows = Array.from(queue.querySelectorAll("tr.task"));
    save({ filters, skipped: [] });
    let at = 0;
    const select = (i) => {
      if (!rows.length) { return; }
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((r, n) => r.classList.toggle("selected", n === at));
      rows[at].scrollIntoView({ block: "nearest" });
    };
    rows.forEach((r, n) => r.addEventListener("click", () => select(n)));
    document.addEventListener("keydown", (e) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) { return; }
      if (e.key === "j") { select(at + 1); } else if (e.key === "k") { select(at - 1); } else if (e.key === "Enter" && rows.length) {
        window.location.href = "/review/" + rows[at].dataset.id;
      } else { return; }
      e.preventDefault();
    });
    return;
  }

  /* ---------------------------------------------------------------- one item */
  const article = document.querySelector(".review-item");
  if (!article) { return; }
  const item = JSON.parse(article.dataset.item);
  const message = article.querySelector(".message");
  const editForm = article.querySelector("form.edit");
  const askForm = article.querySelector("form.ask");
  let busy = false;

  const scanRoot = article.querySelector(".scan");
  const viewer = scanRoot ? window.ScanViewer(scanRoot) : null;
  if (viewer) {
    const focus = JSON.parse(scanRoot.dataset.focus || "[]");
    if (focus.length === 2 && focus[1]) { viewer.show(Number(focus[0]), focus[1]); }
    article.querySelectorAll("tr.field").forEach((row) => row.addEventListener("click", () => {
      const bbox = JSON.parse(row.dataset.bbox || "[]");
      viewer.show(Number(row.dataset.page || "1"), bbox.length === 4 ? bbox : null);
    }));
  }
  const mapEl = document.getElementById("map");
  if (mapEl && window.landdbMap) {
    const map = window.landdbMap(mapEl, { maxZoom: 20 });
    const finding = JSON.parse(mapEl.dataset.finding || "null");
    if (finding) {
      map.on("load", () => {
        map.addSource("finding", { type: "geojson", data: { type: "Feature", geometry: finding, properties: {} } });
        map.addLayer({ id: "finding-fill", type: "fill", source: "finding", filter: ["==", ["geometry-type"], "Polygon"],
                       paint: { "fill-color": "#c92a2a", "fill-opacity": 0.35 } });
        map.addLayer({ id: "finding-line", type: "line", source: "finding", paint: { "line-color": "#c92a2a", "line-width": 3 } });
        map.addLayer({ id: "finding-point", type: "circle", source: "finding", filter: ["==", ["geometry-type"], "Point"],
                       paint: { "circle-radius": 8, "circle-color": "#c92a2a", "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
      });
    }
  }

  function say(text, cls) {
    message.className = "message " + (cls || "");
    message.textContent = text;
  }

  async function order() {
    const state = saved();
    const params = new URLSearchParams();
    Object.entries(state.filters || { status: "open" }).forEach(([k, v]) => { if (v) { params.set(k, v); } });
    params.set("limit", "500");
    const r = await fetch("/api/review/tasks?" + params, { credentials: "same-origin" });
    if (!r.ok) { return []; }
    return (await r.json()).tasks.map((t) => t.id);
  }

  async function go(step) {
    const state = saved();
    const skipped = new Set(state.skipped || []);
    const ids = await order();
    const here = ids.indexOf(item.id);
    let next = null;
    if (here >= 0) {
      next = ids[here + step] || null;
    } else {   /* decided: the first item still open that was not skipped */
      next = ids.find((id) => !skipped.has(id)) || null;
    }
    window.location.href = next ? "/review/" + next : "/review";
  }

  async function post(action, value, reason) {
    if (busy) { return; }
    busy = true;
    say("Đang lưu…");
    try {
      const r = await fetch("/api/review/tasks/" + item.id, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "x-csrf-token": csrf() },
        body: JSON.stringify({ action, value, reason, version: item.version }),
      });
      const body = await r.json().catch(() => ({}));
      if (r.status === 409) {
        const c = body.change || {};
        say("Xung đột: " + (c.by || "người khác") + " đã quyết định mục này lúc " + (c.at || "").slice(0, 19).replace("T", " ") +
            (c.value !== undefined && c.value !== null ? " — giá trị " + c.value : "") + " (" + (c.status || "") + "). " +
            "Tải lại trang để xem. / " + (body.message || ""), "conflict");
        article.dataset.conflict = "1";
        return;
      }
      if (!r.ok) { say((body.message || ("HTTP " + r.status)), "error"); return; }
      item.version = body.version;
      say("Đã lưu: " + action + " → " + body.status, "done");
      article.dataset.saved = action;
      if (action === "add") { setTimeout(() => window.location.reload(), 400); return; }  /* the list stays open */
      const state = saved();
      save(state);
      setTimeout(() => go(1), 400);
    } finally {
      busy = false;
    }
  }

  function ask(label, then) {
    askForm.hidden = false;
    askForm.querySelector(".ask-label").textContent = label;
    const input = askForm.querySelector("input");
    input.value = "";
    input.focus();
    askForm.onsubmit = (e) => {
      e.preventDefault();
      if (!input.value.trim()) { return; }
      askForm.hidden = true;
      then(input.value.trim());
    };
  }

  function edit() {
    if (item.kind !== "field") { return; }
    editForm.hidden = false;
    const input = editForm.querySelector("input");
    input.value = item.value || "";
    input.focus();
    input.select();
    editForm.onsubmit = (e) => {
      e.preventDefault();
      if (!input.value.trim()) { return; }
      editForm.hidden = true;
      post("fix", input.value.trim(), null);
    };
  }

  /* a list flagged as a whole: the reviewer adds the item the paper has and the record lacks */
  const addForm = article.querySelector("form.add-item");
  if (addForm) {
    addForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = {};
      new FormData(addForm).forEach((v, k) => { if (String(v).trim()) { value[k] = String(v).trim(); } });
      if (Object.keys(value).length) { post("add", value, null); }
    });
  }

  function skip() {
    const state = saved();
    state.skipped = Array.from(new Set([...(state.skipped || []), item.id]));
    save(state);
    go(1);
  }

  const candidates = Array.from(article.querySelectorAll(".candidates li"));
  // a link's candidate is a map parcel (its id), an address's is today's unit (its code)
  const pick = (li) => post("fix", li.dataset.unitCode || Number(li.dataset.parcelId), null);
  article.querySelectorAll(".candidates .pick-unit").forEach((b) => b.addEventListener("click", () => pick(b.closest("li"))));
  const keys = {
    j: () => go(1), k: () => go(-1), s: skip, e: edit,
    a: () => (item.kind === "finding" ? ask("Lý do ngoại lệ", (r) => post("accept", null, r)) : post("accept", null, null)),
    r: () => ask(item.kind === "finding" ? "Lý do mở lại" : "Lý do loại (cần quét lại)", (r) => post("reject", null, r)),
    f: () => (item.kind === "finding" ? post("fix", null, null) : null),
    v: () => (item.kind === "finding" ? post("verify", null, null) : null),
    n: () => (item.kind === "link" ? post("reject", null, "not on the map") : null),
  };
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { editForm.hidden = true; askForm.hidden = true; document.activeElement.blur(); return; }
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if ((item.kind === "link" || item.kind === "address") && /^[1-9]$/.test(e.key) && candidates[Number(e.key) - 1]) {
      e.preventDefault();
      pick(candidates[Number(e.key) - 1]);
      return;
    }
    const handler = keys[e.key];
    if (handler) { e.preventDefault(); handler(); }
  });
  article.querySelectorAll("[data-action]").forEach((b) => b.addEventListener("click", () => {
    const a = b.dataset.action;
    ({ accept: keys.a, edit: keys.e, reject: item.kind === "link" ? keys.n : keys.r, skip: keys.s,
       fix: keys.f, verify: keys.v })[a]();
  }));
})();
