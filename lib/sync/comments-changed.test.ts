import { describe, expect, it } from "vitest";
import { announceCommentsChanged, onCommentsChanged } from "./comments-changed";

describe("comments changed", () => {
  it("reaches the listeners of that notebook only, until they unsubscribe", () => {
    const heard: string[] = [];
    const stopA = onCommentsChanged("a", () => heard.push("a1"));
    onCommentsChanged("a", () => heard.push("a2"));
    const stopB = onCommentsChanged("b", () => heard.push("b"));
    announceCommentsChanged("a");
    expect(heard).toEqual(["a1", "a2"]);
    stopA();
    stopB();
    announceCommentsChanged("a");
    announceCommentsChanged("b");
    announceCommentsChanged("nobody");
    expect(heard).toEqual(["a1", "a2", "a2"]);
  });
});
