import { describe, expect, it } from "vitest";
import { bodyLimitFor, bodyRefusal } from "./body-limit";

const limits = { bodyBytes: 1024 * 1024, notebookBytes: 10 * 1024 * 1024 };
const post = (url: string, length: number) => ({ url, headers: { "content-length": String(length) } });

describe("the edge's body limits", () => {
  it("lets an import's file be up to twice the notebook limit, and says the one limit past that", () => {
    expect(bodyLimitFor("/api/notebooks/import", limits)).toBe(20 * 1024 * 1024);
    expect(bodyRefusal(post("/api/notebooks/import?name=a.ipynb", 20 * 1024 * 1024), limits)).toBeNull();
    expect(bodyRefusal(post("/api/notebooks/import?name=a.ipynb", 20 * 1024 * 1024 + 1), limits)).toEqual({
      status: 413,
      code: "too_large",
      message: "That file is larger than the 10 MiB a notebook may be (as a .ipynb file).",
    });
  });

  it("holds every other body to the request limit", () => {
    expect(bodyLimitFor("/api/notebooks", limits)).toBe(1024 * 1024);
    expect(bodyRefusal(post("/api/notebooks", 1024 * 1024 + 1), limits)?.message).toBe("The request body is larger than the 1 MiB a request may be.");
  });
});
