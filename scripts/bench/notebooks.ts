/**
 * The notebooks the page benchmarks open (notebook-page.ts, profile-page.ts).
 *
 * `cellFor(i)`: the cells of the generated notebooks (10 and 500 cells): two thirds code (ten
 * lines each), one third markdown (a heading, a paragraph, inline math and a list).
 *
 * `largeNotebook()`: a large notebook as people import them from Jupyter: about 3 MB of .ipynb,
 * most of it the base64 of 40 PNG figures (about 60 KB each, the size of a Matplotlib plot), with
 * markdown between the code cells and text outputs beside the images. Made deterministically, so
 * every run measures the same bytes: the PNGs are built here (node's zlib; a plot-like picture: a
 * white background, a grid, a curve and a band of noise, so that they compress about as much as
 * real plots do).
 */
import { crc32, deflateSync } from "node:zlib";
import type { NewCellInput } from "../../lib/notebook";

/** The i-th cell of a generated notebook. */
export function cellFor(i: number): NewCellInput {
  if (i % 3 === 2) {
    return {
      type: "markdown",
      source: `## Step ${i}\n\nA paragraph with *emphasis*, \`inline code\` and a formula $e^{i\\pi} + 1 = 0$.\n\n- one\n- two`,
    };
  }
  const lines = [
    `# cell ${i}`,
    `def step_${i}(values):`,
    `    """Sum the squares of the even values."""`,
    `    total = 0`,
    `    for v in values:`,
    `        if v % 2 == 0:`,
    `            total += v * v`,
    `    return total`,
    ``,
    `print(step_${i}(range(${i + 10})))`,
  ];
  return { type: "code", source: lines.join("\n") };
}

const WIDTH = 480;
const HEIGHT = 320;

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid RGB PNG, different for every `seed`. */
export function plotPng(seed: number): Buffer {
  const next = random(seed);
  const rows = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  const phase = next() * Math.PI * 2;
  const hue = [Math.floor(next() * 200), Math.floor(next() * 200), Math.floor(next() * 200)];
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * (WIDTH * 3 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < WIDTH; x++) {
      const at = row + 1 + x * 3;
      const curve = HEIGHT / 2 + Math.sin(x / 40 + phase) * HEIGHT * 0.3;
      let rgb: [number, number, number] = [255, 255, 255];
      if (x % 60 === 0 || y % 40 === 0) rgb = [225, 225, 225];
      // A scatter band around the curve: the part that does not compress, as in a real plot.
      if (Math.abs(y - curve) < 55 && next() < 0.5) {
        const shade = Math.floor(next() * 120);
        rgb = [hue[0]! + (shade >> 2), hue[1]! + (shade >> 3), hue[2]! + (shade >> 1)];
      }
      if (Math.abs(y - curve) < 1.5) rgb = [20, 60, 160];
      rows[at] = rgb[0];
      rows[at + 1] = rgb[1];
      rows[at + 2] = rgb[2];
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const lines = (text: string) => text.split(/(?<=\n)/);
/** nbformat keeps base64 in lines of 76 characters, as Jupyter writes it. */
const base64Lines = (bytes: Buffer) => bytes.toString("base64").replace(/.{76}/g, "$&\n");

/**
 * The notebook: a title, then `figures` times a markdown cell and a code cell whose outputs are
 * a stream of text and a PNG figure (execute_result with its text/plain fallback).
 */
export function largeNotebook(figures = 40): { json: string; cells: number } {
  const cells: object[] = [
    { id: "title", cell_type: "markdown", metadata: {}, source: lines("# Experiment log\n\nForty figures, as a notebook from a lab or a course might have them.") },
  ];
  for (let i = 0; i < figures; i++) {
    cells.push({
      id: `md-${i}`,
      cell_type: "markdown",
      metadata: {},
      source: lines(`## Run ${i + 1}\n\nThe signal of run ${i + 1}, with its *noise band*; the fit is the \`curve\` drawn over it, $y = a \\sin(x / 40 + \\phi)$.\n\n- samples: ${1000 + i * 37}\n- seed: ${i}`),
    });
    cells.push({
      id: `code-${i}`,
      cell_type: "code",
      metadata: {},
      execution_count: i + 1,
      source: lines(
        [
          `import numpy as np`,
          `import matplotlib.pyplot as plt`,
          `rng = np.random.default_rng(${i})`,
          `x = np.arange(480)`,
          `y = np.sin(x / 40 + ${(i * 0.7).toFixed(1)}) + rng.normal(0, 0.3, x.size)`,
          `print(f"run ${i + 1}: mean {y.mean():.4f}, std {y.std():.4f}")`,
          `plt.plot(x, y, ".")`,
          `plt.show()`,
        ].join("\n"),
      ),
      outputs: [
        { output_type: "stream", name: "stdout", text: lines(`run ${i + 1}: mean ${(0.01 * i).toFixed(4)}, std 0.7${i % 10}12\n`) },
        {
          output_type: "display_data",
          metadata: {},
          data: { "image/png": base64Lines(plotPng(i + 1)), "text/plain": [`<Figure size 480x320 with 1 Axes>`] },
        },
      ],
    });
  }
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", display_name: "Python 3", language: "python" }, language_info: { name: "python" } },
    cells,
  };
  return { json: JSON.stringify(notebook, null, 1), cells: cells.length };
}
