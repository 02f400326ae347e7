/* The parcel map: MapLibre GL over landdb's own vector tiles (/tiles/{z}/{x}/{y}.pbf). No base map from the
   internet: a plain background, or the base-map URL set in landdb.toml ([web] base_map_url). */
(function () {
  "use strict";
  const LAND_USE = {
    ODT: ["#f4a6a6", "Đất ở đô thị"], ONT: ["#f7b9a8", "Đất ở nông thôn"], TMD: ["#e07b91", "Thương mại, dịch vụ"],
    SKC: ["#c98bb9", "Cơ sở sản xuất"], CLN: ["#9ccf7a", "Cây lâu năm"], HNK: ["#d4e79e", "Cây hàng năm"],
    LUC: ["#e9f5a1", "Chuyên trồng lúa"], DGD: ["#f7d26a", "Giáo dục"], DYT: ["#f2b5d4", "Y tế"],
    TON: ["#c9a0dc", "Tôn giáo"], TIN: ["#b9a0dc", "Tín ngưỡng"], DCH: ["#f0a35e", "Chợ"],
    DGT: ["#d9d9d9", "Giao thông"], SON: ["#9ecae1", "Sông, ngòi"], DTL: ["#b3d7ee", "Thủy lợi"],
  };
  const QA = { ok: ["#bfe3c0", "Không lỗi"], info: ["#cfe0f5", "Ghi chú"], warning: ["#ffd27f", "Cảnh báo"],
               error: ["#f28b82", "Lỗi"] };
  const OTHER = "#e8e0c8";

  function colour(mode) {
    const table = mode === "qa" ? QA : LAND_USE;
    const expr = ["match", ["get", mode === "qa" ? "qa" : "land_use"]];
    for (const [code, [fill]] of Object.entries(table)) { expr.push(code, fill); }
    expr.push(OTHER);
    return expr;
  }

  function style(baseMap) {
    const origin = window.location.origin;
    const sources = {
      parcels: { type: "vector", tiles: [origin + "/tiles/{z}/{x}/{y}.pbf"], minzoom: 10, maxzoom: 20 },
    };
    const layers = [{ id: "background", type: "background", paint: { "background-color": "#eef0ea" } }];
    if (baseMap) {
      sources.base = { type: "raster", tiles: [baseMap], tileSize: 256 };
      layers.push({ id: "base", type: "raster", source: "base" });
    }
    layers.push(
      { id: "parcels-fill", type: "fill", source: "parcels", "source-layer": "parcels",
        paint: { "fill-color": colour("land_use"), "fill-opacity": baseMap ? 0.6 : 0.85 } },
      { id: "parcels-line", type: "line", source: "parcels", "source-layer": "parcels",
        paint: { "line-color": "#5b6470", "line-width": ["interpolate", ["linear"], ["zoom"], 14, 0.3, 19, 1.2] } },
      { id: "parcels-hl-fill", type: "fill", source: "parcels", "source-layer": "parcels",
        filter: ["in", ["get", "id"], ["literal", []]], paint: { "fill-color": "#1c7ed6", "fill-opacity": 0.45 } },
      { id: "parcels-hl-line", type: "line", source: "parcels", "source-layer": "parcels",
        filter: ["in", ["get", "id"], ["literal", []]], paint: { "line-color": "#0b3d91", "line-width": 3 } },
    );
    return { version: 8, sources, layers };
  }

  function union(boxes) {
    const valid = boxes.filter((b) => Array.isArray(b) && b.length === 4 && b.every((v) => v !== null));
    if (!valid.length) { return null; }
    return [Math.min(...valid.map((b) => b[0])), Math.min(...valid.map((b) => b[1])),
            Math.max(...valid.map((b) => b[2])), Math.max(...valid.map((b) => b[3]))];
  }

  function legend(el, mode) {
    if (!el) { return; }
    const table = mode === "qa" ? QA : LAND_USE;
    el.replaceChildren(...Object.entries(table).map(([code, [fill, name]]) => {
      const row = document.createElement("div");
      const swatch = document.createElement("i");
      swatch.style.background = fill;
      row.append(swatch, document.createTextNode(mode === "qa" ? name : code + " · " + name));
      return row;
    }));
  }

  function enableBoxDrawing(map, button, onBox) {
    if (!button) { return; }
    const container = map.getCanvasContainer();
    let start = null;
    let rect = null;
    let armed = false;
    function point(e) {
      const r = container.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    }
    button.addEventListener("click", () => {
      armed = !armed;
      button.classList.toggle("active", armed);
      container.classList.toggle("drawing", armed);
      if (armed) { map.dragPan.disable(); } else { map.dragPan.enable(); }
    });
    container.addEventListener("mousedown", (e) => {
      if (!armed) { return; }
      start = point(e);
      rect = document.createElement("div");
      rect.className = "draw-rect";
      container.appendChild(rect);
      e.preventDefault();
    });
    container.addEventListener("mousemove", (e) => {
      if (!start) { return; }
      const p = point(e);
      Object.assign(rect.style, { left: Math.min(p[0], start[0]) + "px", top: Math.min(p[1], start[1]) + "px",
                                  width: Math.abs(p[0] - start[0]) + "px", height: Math.abs(p[1] - start[1]) + "px" });
    });
    container.addEventListener("mouseup", (e) => {
      if (!start) { return; }
      const end = point(e);
      const a = map.unproject(start);
      const b = map.unproject(end);
      rect.remove();
      if (Math.abs(end[0] - start[0]) < 5 || Math.abs(end[1] - start[1]) < 5) { start = null; return; }
      onBox([Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat)]
        .map((v) => Number(v.toFixed(7))));
      start = null;
    });
  }

  /* Georeferenced paper sheets (GET /api/sheets) as images under the parcels, with a switch in the map tools. */
  function addSheets(map, el) {
    fetch("/api/sheets", { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : { sheets: [] })).then((data) => {
      const ids = [];
      data.sheets.forEach((sheet, i) => {
        const id = "sheet-" + i;
        map.addSource(id, { type: "image", url: "/api/sheets/" + encodeURIComponent(sheet.name) + ".png",
                            coordinates: sheet.corners });
        map.addLayer({ id, type: "raster", source: id, paint: { "raster-opacity": 0.75 } }, "parcels-fill");
        ids.push(id);
      });
      const tools = el.parentElement.querySelector(".map-tools");
      if (!ids.length || !tools) { return; }
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.id = "show-sheets";
      box.addEventListener("change", () => ids.forEach((id) =>
        map.setLayoutProperty(id, "visibility", box.checked ? "visible" : "none")));
      label.append(box, document.createTextNode(" Bản đồ giấy (" + ids.length + ")"));
      tools.appendChild(label);
      el.dataset.sheets = String(ids.length);
    });
  }

  window.landdbMap = function (el, options) {
    const data = (name) => { try { return JSON.parse(el.dataset[name] || "null"); } catch (e) { return null; } };
    const highlighted = data("results") || [];
    const box = union(data("bboxes") || []) || data("extent");
    const settings = { container: el, style: style(el.dataset.baseMap || ""), attributionControl: false, maxZoom: 22 };
    if (box) {
      settings.bounds = [[box[0], box[1]], [box[2], box[3]]];
      settings.fitBoundsOptions = { padding: 60, maxZoom: options.maxZoom || 19 };
    } else {
      Object.assign(settings, { center: [105.85, 16.0], zoom: 5 });   /* Việt Nam, until parcels are loaded */
    }
    const map = new maplibregl.Map(settings);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    map.on("load", () => {
      map.setFilter("parcels-hl-fill", ["in", ["get", "id"], ["literal", highlighted]]);
      map.setFilter("parcels-hl-line", ["in", ["get", "id"], ["literal", highlighted]]);
      const certificates = data("certificates") || [];
      if (certificates.length) {
        map.addSource("certificates", { type: "geojson", data: { type: "FeatureCollection",
          features: certificates.map((g) => ({ type: "Feature", geometry: g, properties: {} })) } });
        map.addLayer({ id: "certificates-line", type: "line", source: "certificates",
                       paint: { "line-color": "#d9480f", "line-width": 2, "line-dasharray": [2, 2] } });
      }
    });
    map.on("load", () => addSheets(map, el));
    map.on("idle", () => { el.dataset.ready = "1"; });
    map.on("mouseenter", "parcels-fill", () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", "parcels-fill", () => { map.getCanvas().style.cursor = ""; });
    map.on("click", "parcels-fill", (e) => {
      const feature = e.features && e.features[0];
      /* an overview square (district zoom) is no parcel: it has no id */
      if (feature && feature.properties.id && !map.getCanvasContainer().classList.contains("drawing")) {
        window.location.href = "/parcels/" + feature.properties.id;
      }
    });
    const legendEl = document.getElementById("legend");
    legend(legendEl, "land_use");
    document.querySelectorAll("input[name=colour]").forEach((input) => input.addEventListener("change", () => {
      map.setPaintProperty("parcels-fill", "fill-color", colour(input.value));
      legend(legendEl, input.value);
    }));
    enableBoxDrawing(map, document.getElementById("draw-box"), options.onBox || (() => {}));
    window.landdbMapInstance = map;
    return map;
  };
})();
