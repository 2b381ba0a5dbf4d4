import { describe, expect, it } from "vitest";
import { imageDisplay, svgDataUrl } from "./image";

describe("imageDisplay", () => {
  it("reads the size under the image's own MIME type, as IPython writes it", () => {
    expect(imageDisplay({ "image/png": { width: 320, height: 240 }, needs_background: "light" }, "image/png")).toEqual({
      width: 320,
      height: 240,
      unconfined: false,
      darkBackground: false,
    });
    expect(imageDisplay({ "image/jpeg": { width: "76px" } }, "image/jpeg").width).toBe(76);
    expect(imageDisplay({ "image/png": { height: 30 } }, "image/png")).toMatchObject({ width: undefined, height: 30 });
  });

  it("uses the image's own size when the metadata says nothing, or nothing usable", () => {
    const natural = { width: undefined, height: undefined, unconfined: false, darkBackground: false };
    expect(imageDisplay(undefined, "image/png")).toEqual(natural);
    expect(imageDisplay({ "image/jpeg": { width: 50 } }, "image/png")).toEqual(natural);
    expect(imageDisplay({ "image/png": { width: -5, height: "100%" } }, "image/png")).toEqual(natural);
    expect(imageDisplay({ "image/png": { width: Infinity, height: [3] } }, "image/png")).toEqual(natural);
    expect(imageDisplay({ "image/png": "big" }, "image/png")).toEqual(natural);
  });

  it("reads unconfined and a dark background", () => {
    expect(imageDisplay({ "image/svg+xml": { unconfined: true }, needs_background: "dark" }, "image/svg+xml")).toMatchObject({
      unconfined: true,
      darkBackground: true,
    });
  });
});

describe("svgDataUrl", () => {
  it("encodes the SVG, adding the namespace it needs to load as an image", () => {
    expect(decodeURIComponent(svgDataUrl('<svg width="4"><rect/></svg>'))).toBe('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="4"><rect/></svg>');
    const namespaced = '<svg xmlns="http://www.w3.org/2000/svg" width="4"/>';
    expect(decodeURIComponent(svgDataUrl(namespaced))).toBe(`data:image/svg+xml,${namespaced}`);
  });
});
