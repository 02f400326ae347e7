/* The parcel page: its map (this parcel highlighted, the certificate's polygon dashed, click a neighbour to open
   it) and, per certificate, the scan page beside the fields read from it (click a field: its words are boxed). */
(function () {
  "use strict";
  window.landdbMap(document.getElementById("map"), { maxZoom: 18 });
  document.querySelectorAll(".certificate").forEach((section) => {
    const viewer = window.ScanViewer(section.querySelector(".scan"));
    section.querySelectorAll("tr.field").forEach((row) => row.addEventListener("click", () => {
      section.querySelectorAll("tr.field.active").forEach((r) => r.classList.remove("active"));
      row.classList.add("active");
      const bbox = JSON.parse(row.dataset.bbox || "[]");
      const page = Number(row.dataset.page || "1");
      viewer.show(page, bbox.length === 4 ? bbox : null);
    }));
  });
})();
