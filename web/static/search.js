/* The search page: the map highlights the results; a box drawn on it searches within it. */
(function () {
  "use strict";
  const el = document.getElementById("map");
  window.landdbMap(el, {
    maxZoom: 18,
    onBox(bbox) {
      const params = new URLSearchParams({ q: el.dataset.q || "", commune: el.dataset.commune || "", bbox: bbox.join(",") });
      window.location.href = "/search?" + params.toString();
    },
  });
})();
