import { describe, expect, it } from "vitest";
import { ansiToHtml } from "./ansi";

const ESC = "\u001b[";

describe("ansiToHtml", () => {
  it("keeps foreground and background colours as classes, and bold as a style", () => {
    expect(ansiToHtml(`${ESC}1;31mbold red${ESC}0m ${ESC}41mon red${ESC}0m ${ESC}30;47mblack on white${ESC}0m ${ESC}104mbright${ESC}0m`)).toBe(
      '<span style="font-weight:bold" class="ansi-red-fg">bold red</span> <span class="ansi-red-bg">on red</span> ' +
        '<span class="ansi-black-fg ansi-white-bg">black on white</span> <span class="ansi-bright-blue-bg">bright</span>',
    );
  });

  it("gives a true-colour background without a text colour black or white text, whichever reads", () => {
    expect(ansiToHtml(`${ESC}48;5;16mdark${ESC}0m ${ESC}48;2;255;255;0myellow${ESC}0m`)).toBe(
      '<span style="background-color:rgb(0,0,0);color:#fff">dark</span> <span style="background-color:rgb(255,255,0);color:#000">yellow</span>',
    );
    // Its own text colour, by class or style, stays.
    expect(ansiToHtml(`${ESC}31;48;5;16mred${ESC}0m`)).toBe('<span style="background-color:rgb(0,0,0)" class="ansi-red-fg">red</span>');
    expect(ansiToHtml(`${ESC}38;5;196;48;5;16mred${ESC}0m`)).toBe('<span style="color:rgb(255,0,0);background-color:rgb(0,0,0)">red</span>');
  });

  it("escapes HTML in the text", () => {
    expect(ansiToHtml(`<b>${ESC}32m&${ESC}0m`)).toBe('&lt;b&gt;<span class="ansi-green-fg">&amp;</span>');
  });
});
