/**
 * Text on a person's colour (avatars, name tags, run badges): white where white reads at 4.5:1
 * (WCAG AA), else near-black. A colour may come from an account made before the palette changed
 * or from another browser's presence, so it is checked here rather than trusted to the palette.
 */
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#rrggbb"; null for anything else. */
export function luminance(color: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((hex) => channel(parseInt(hex, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a) ?? 0, luminance(b) ?? 0].sort((x, y) => y - x) as [number, number];
  return (la + 0.05) / (lb + 0.05);
}

const WHITE = "#ffffff";
const INK = "#0d1117";

/** The text colour for `background`: white when it reads at 4.5:1, else whichever reads better. */
export function textOn(background: string): string {
  if (luminance(background) === null) return WHITE;
  const white = contrastRatio(WHITE, background);
  return white >= 4.5 || white >= contrastRatio(INK, background) ? WHITE : INK;
}
