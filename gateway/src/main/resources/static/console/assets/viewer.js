// Slice viewer of the console: scrolls a series' slices and sets window/level. The slices are PNGs
// rendered by the medical service (WADO-RS) and fetched through the console with the user's tenant:
// a single-frame instance's rendering, or one frame's of a multi-frame instance (Enhanced CT).
// Nodule findings (circles per slice, computed by the console from the report) are drawn as SVG
// over the image, in the image's pixel coordinates.
(function () {
  "use strict";
  const viewer = document.getElementById("viewer");
  if (!viewer) {
    return;
  }
  const base = viewer.dataset.base;
  const slices = Array.from(document.querySelectorAll("#slices li"), (li) => ({
    instance: li.textContent.trim(),
    frame: li.dataset.frame,
  }));
  const slider = document.getElementById("slice-index");
  const label = document.getElementById("slice-label");
  const preset = document.getElementById("window-preset");
  const center = document.getElementById("window-center");
  const width = document.getElementById("window-width");
  const image = document.getElementById("slice");
  const overlay = document.getElementById("overlay");
  const overlays = JSON.parse(viewer.dataset.overlays || "{\"findings\":[]}");
  const svg = "http://www.w3.org/2000/svg";
  if (overlays.columns > 0) {
    overlay.setAttribute("viewBox", "0 0 " + overlays.columns + " " + overlays.rows);
  }

  function drawFindings(index) {
    overlay.replaceChildren();
    overlays.findings.forEach((finding) => {
      const circle = finding.circles[String(index)];
      if (!circle) {
        return;
      }
      // circles are in pixel indices (centre of the first pixel is 0,0); the view box spans pixel edges
      const ellipse = document.createElementNS(svg, "ellipse");
      ellipse.setAttribute("cx", String(circle.column + 0.5));
      ellipse.setAttribute("cy", String(circle.row + 0.5));
      ellipse.setAttribute("rx", String(Math.max(circle.columnRadius, 0.5)));
      ellipse.setAttribute("ry", String(Math.max(circle.rowRadius, 0.5)));
      ellipse.setAttribute("class", "finding");
      ellipse.dataset.finding = finding.id;
      const label = document.createElementNS(svg, "text");
      label.setAttribute("x", String(circle.column + 0.5 + circle.columnRadius + 1));
      label.setAttribute("y", String(circle.row + 0.5 - circle.rowRadius));
      label.setAttribute("class", "finding-label");
      label.setAttribute("font-size", String(Math.max(4, overlays.columns / 24)));
      label.textContent = String(finding.number);
      overlay.append(ellipse, label);
    });
  }

  function show() {
    const index = Number(slider.value);
    const w = Math.max(1, Number(width.value) || 1);
    const slice = slices[index];
    image.src = base + encodeURIComponent(slice.instance)
      + (slice.frame ? "/frames/" + encodeURIComponent(slice.frame) : "") + "/rendered?window="
      + encodeURIComponent((Number(center.value) || 0) + "," + w);
    image.dataset.index = String(index);
    label.textContent = (index + 1) + " / " + slices.length;
    drawFindings(index);
  }

  function go(index) {
    slider.value = String(Math.min(slices.length - 1, Math.max(0, index)));
    show();
  }

  function step(delta) {
    const next = Math.min(slices.length - 1, Math.max(0, Number(slider.value) + delta));
    if (next !== Number(slider.value)) {
      go(next);
    }
  }

  slider.addEventListener("input", show);
  center.addEventListener("change", show);
  width.addEventListener("change", show);
  preset.addEventListener("change", () => {
    const [c, w] = preset.value.split(",");
    center.value = c;
    width.value = w;
    show();
  });
  document.querySelectorAll("button.goto").forEach((button) => {
    button.addEventListener("click", () => go(Number(button.dataset.slice)));
  });
  overlay.parentElement.addEventListener("wheel", (event) => {
    event.preventDefault();
    step(event.deltaY > 0 ? 1 : -1);
  }, { passive: false });
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowRight" || event.key === "PageDown") {
      step(1);
      event.preventDefault();
    } else if (event.key === "ArrowUp" || event.key === "ArrowLeft" || event.key === "PageUp") {
      step(-1);
      event.preventDefault();
    }
  });
  go(Number(viewer.dataset.initialSlice) || 0);
})();
