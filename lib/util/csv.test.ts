import { describe, expect, it } from "vitest";
import { csvField, csvRows } from "./csv";

describe("CSV", () => {
  it("quotes what needs quoting and doubles quotes", () => {
    expect(csvField("Ada")).toBe("Ada");
    expect(csvField("Lovelace, Ada")).toBe('"Lovelace, Ada"');
    expect(csvField('the "engine"')).toBe('"the ""engine"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(3)).toBe("3");
    expect(csvField(null)).toBe("");
  });

  it("keeps a name that looks like a formula from running in a spreadsheet", () => {
    expect(csvField("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe("-2"); // a number is a number
  });

  it("ends every row with CRLF", () => {
    expect(csvRows([["a", "b"], ["c", null]])).toBe("a,b\r\nc,\r\n");
  });
});
