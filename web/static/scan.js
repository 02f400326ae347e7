/* Scan page viewer: page buttons, wheel zoom at the cursor, drag to pan, and a box around a field's words
   (extracted_field.bbox, in the page's pixels at 300 dpi: the image is served at that size). */
(function () {
  "use strict";
  window.ScanViewer = function (root) {
    const view = root.querySelector(".scan-view");
    const canvas = root.querySelector(".scan-canvas");
    const img = root.querySelector(".scan-page");
    const boxEl = root.querySelector(".scan-box");
    const documentId = root.dataset.documentId;
    let page = 1;
    let s = 1, tx = 0, ty = 0;
    let pending = null;

    function apply() { canvas.style.transform = `translate(${tx}px, ${ty}px) scale(${s})`; }
    function fit() {
      if (!img.naturalWidth) { return; }
      s = Math.min(view.clientWidth / img.naturalWidth, view.clientHeight / img.naturalHeight);
      tx = (view.clientWidth - img.naturalWidth * s) / 2;
      ty = (view.clientHeight - img.naturalHeight * s) / 2;
      apply();
    }
    function zoomAt(factor, cx, cy) {
      const next = Math.min(4, Math.max(0.05, s * factor));
      tx = cx - (cx - tx) * (next / s);
      ty = cy - (cy - ty) * (next / s);
      s = next;
      apply();
    }
    function showPage(n) {
      root.querySelectorAll(".page-btn").forEach((b) => b.classList.toggle("active", Number(b.dataset.page) === n));
      if (n === page && img.complete && img.naturalWidth) { return false; }
      page = n;
      img.src = `/api/documents/${documentId}/pages/${n}.jpg`;
      return true;
    }
    function focusBox(bbox) {
      const [x, y, w, h] = bbox;
      Object.assign(boxEl.style, { left: x - 8 + "px", top: y - 8 + "px", width: w + 16 + "px", height: h + 16 + "px" });
      boxEl.hidden = false;
      s = Math.min(1.2, view.clientWidth / (w * 2.2 + 40), view.clientHeight / (h * 8 + 40));
      tx = view.clientWidth / 2 - (x + w / 2) * s;
      ty = view.clientHeight / 2 - (y + h / 2) * s;
      apply();
    }
    img.addEventListener("load", () => {
      root.dataset.loaded = String(page);
      if (pending) { const b = pending; pending = null; focusBox(b); } else { fit(); }
    });
    if (img.complete && img.naturalWidth) { root.dataset.loaded = "1"; fit(); }
    view.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = view.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    let drag = null;
    view.addEventListener("pointerdown", (e) => { drag = [e.clientX - tx, e.clientY - ty]; view.setPointerCapture(e.pointerId); });
    view.addEventListener("pointermove", (e) => { if (drag) { tx = e.clientX - drag[0]; ty = e.clientY - drag[1]; apply(); } });
    view.addEventListener("pointerup", () => { drag = null; });
    root.querySelectorAll(".page-btn").forEach((b) => b.addEventListener("click", () => {
      boxEl.hidden = true;
      if (!showPage(Number(b.dataset.page))) { fit(); }
    }));
    root.querySelectorAll("[data-zoom]").forEach((b) => b.addEventListener("click", () => {
      if (b.dataset.zoom === "fit") { fit(); return; }
      zoomAt(b.dataset.zoom === "in" ? 1.4 : 1 / 1.4, view.clientWidth / 2, view.clientHeight / 2);
    }));
    return {
      show(n, bbox) {
        boxEl.hidden = true;
        if (showPage(n)) { pending = bbox; } else if (bbox) { focusBox(bbox); } else { fit(); }
      },
    };
  };
})();
