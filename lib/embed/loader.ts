/**
 * /embed.js, the loader authors put on their pages: it turns each
 *
 *   <div data-tandem-notebook="<slug>" [data-tandem-cell="<id>" | data-tandem-cells="<a>..<b>"]
 *        [data-tandem-kernel="shared"] [data-tandem-title="..."]></div>
 *
 * into an embed frame from the origin the script itself came from, and sizes each frame to the
 * height it reports (frame-protocol.ts), trusting only its own frames on that origin. Frames marked
 * data-tandem-kernel="shared" get this page load's token, so they share one Python. Elements added
 * later are picked up by `window.TandemEmbeds.scan()`. Plain ES2017, no dependencies: it runs on
 * other people's pages. Generated from the same constants as the frame, so they cannot drift.
 */
import { FRAME_PROTOCOL_VERSION } from "./frame-protocol";
import { initialHeight } from "./urls";

const literal = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export function loaderScript(): string {
  return `/* Tandem embeds (README, "Embeds") */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var existing = window.TandemEmbeds;
  if (existing && existing.origin === origin) { existing.scan(); return; }
  var token = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  var frames = [];
  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== "tandem:embed:size" || data.version !== ${literal(FRAME_PROTOCOL_VERSION)} || typeof data.height !== "number") return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(40, Math.min(Math.ceil(data.height), 20000)) + "px";
        return;
      }
    }
  });
  function mount(el) {
    if (el.getAttribute("data-tandem-mounted")) return;
    var slug = el.getAttribute("data-tandem-notebook");
    if (!slug) return;
    el.setAttribute("data-tandem-mounted", "true");
    var query = [];
    var cell = el.getAttribute("data-tandem-cell");
    var cells = el.getAttribute("data-tandem-cells");
    if (cell) query.push("cell=" + encodeURIComponent(cell));
    else if (cells) query.push("cells=" + cells.split("..").map(encodeURIComponent).join(".."));
    if (el.getAttribute("data-tandem-kernel") === "shared") query.push("kernel=shared", "page=" + token);
    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/" + encodeURIComponent(slug) + (query.length ? "?" + query.join("&") : "");
    frame.title = el.getAttribute("data-tandem-title") || "Runnable Python from Tandem";
    frame.setAttribute("allow", "clipboard-write");
    frame.setAttribute("loading", "lazy");
    frame.style.cssText = "display:block;width:100%;border:0;height:" + (cell ? ${initialHeight({ kind: "cell", id: "" })} : ${initialHeight({ kind: "notebook" })}) + "px";
    el.replaceChildren(frame);
    frames.push(frame);
  }
  function scan() {
    var found = document.querySelectorAll("[data-tandem-notebook]");
    for (var i = 0; i < found.length; i++) mount(found[i]);
  }
  window.TandemEmbeds = { origin: origin, scan: scan };
  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
`;
}
