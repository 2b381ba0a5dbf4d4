import { describe, expect, it } from "vitest";
import { commentsChanged, titleChanged } from "./notebook-signals";

describe("notebook signals", () => {
  it("reach the listeners of that notebook only, until they unsubscribe", () => {
    const heard: string[] = [];
    const stopA = commentsChanged.on("a", () => heard.push("a1"));
    commentsChanged.on("a", () => heard.push("a2"));
    const stopB = commentsChanged.on("b", () => heard.push("b"));
    commentsChanged.announce("a");
    expect(heard).toEqual(["a1", "a2"]);
    stopA();
    stopB();
    commentsChanged.announce("a");
    commentsChanged.announce("b");
    commentsChanged.announce("nobody");
    expect(heard).toEqual(["a1", "a2", "a2"]);
  });

  it("carry their value, and one signal does not hear another's", () => {
    const titles: string[] = [];
    titleChanged.on("n", (title) => titles.push(title));
    commentsChanged.announce("n");
    titleChanged.announce("n", "Loops, at last");
    expect(titles).toEqual(["Loops, at last"]);
  });
});
