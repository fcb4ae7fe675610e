// Slice viewer of the console: scrolls a series' slices and sets window/level. The slices are PNGs
// rendered by the medical service (WADO-RS) and fetched through the console with the user's tenant.
(function () {
  "use strict";
  const viewer = document.getElementById("viewer");
  if (!viewer) {
    return;
  }
  const base = viewer.dataset.base;
  const instances = Array.from(document.querySelectorAll("#instances li"), (li) => li.textContent.trim());
  const slider = document.getElementById("slice-index");
  const label = document.getElementById("slice-label");
  const preset = document.getElementById("window-preset");
  const center = document.getElementById("window-center");
  const width = document.getElementById("window-width");
  const image = document.getElementById("slice");

  function show() {
    const index = Number(slider.value);
    const w = Math.max(1, Number(width.value) || 1);
    image.src = base + encodeURIComponent(instances[index]) + "/rendered?window="
      + encodeURIComponent((Number(center.value) || 0) + "," + w);
    image.dataset.index = String(index);
    label.textContent = (index + 1) + " / " + instances.length;
  }

  function step(delta) {
    const next = Math.min(instances.length - 1, Math.max(0, Number(slider.value) + delta));
    if (next !== Number(slider.value)) {
      slider.value = String(next);
      show();
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
  image.addEventListener("wheel", (event) => {
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
  show();
})();
