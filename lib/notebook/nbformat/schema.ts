/**
 * nbformat 4 in zod: Tandem's own validation of Jupyter notebooks.
 *
 * `strictNotebook` mirrors the official nbformat 4.5 JSON schema (shared/reference) rule for rule,
 * and is what every notebook Tandem ships or exports must pass; a test cross-checks it against the
 * official schema with ajv. `lenientNotebook` is what an import accepts: any nbformat 4.x, with
 * cell ids optional (added in 4.5) and outputs of unknown type kept as they are, as the spec asks
 * of readers ("unrecognized output from a future minor revision").
 */
import { z } from "zod";

export const multilineString = z.union([z.string(), z.array(z.string())]);

const cellIdPattern = /^[a-zA-Z0-9-_]+$/;
export const cellIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(cellIdPattern, "must be 1-64 letters, digits, '-' or '_'");

/** A mime-type keyed bundle; JSON mime types (application/json, application/*+json) may hold any value. */
export const mimeBundle = z.record(z.string(), z.unknown()).superRefine((bundle, ctx) => {
  for (const [mime, value] of Object.entries(bundle)) {
    if (/^application\/(.*\+)?json$/.test(mime)) continue;
    if (!multilineString.safeParse(value).success) {
      ctx.addIssue({ code: "custom", path: [mime], message: "must be a string or a list of strings" });
    }
  }
});

const looseObject = z.record(z.string(), z.unknown());
const metadataName = z.string().regex(/^.+$/, "must be a non-empty line");
const metadataTags = z
  .array(z.string().regex(/^[^,]+$/, "must not contain commas"))
  .refine((tags) => new Set(tags).size === tags.length, "tags must be unique");

const cellMetadata = z.looseObject({
  name: metadataName.optional(),
  tags: metadataTags.optional(),
  jupyter: looseObject.optional(),
});
const codeCellMetadata = cellMetadata.extend({
  execution: z.record(z.string(), z.string()).optional(),
  collapsed: z.boolean().optional(),
  scrolled: z.union([z.boolean(), z.literal("auto")]).optional(),
});
const rawCellMetadata = cellMetadata.extend({ format: z.string().optional() });
const attachments = z.record(z.string(), mimeBundle);
const executionCount = z.number().int().min(0).nullable();

export const streamOutput = z.strictObject({
  output_type: z.literal("stream"),
  name: z.string(),
  text: multilineString,
});
export const displayDataOutput = z.strictObject({
  output_type: z.literal("display_data"),
  data: mimeBundle,
  metadata: looseObject,
});
export const executeResultOutput = z.strictObject({
  output_type: z.literal("execute_result"),
  execution_count: executionCount,
  data: mimeBundle,
  metadata: looseObject,
});
export const errorOutput = z.strictObject({
  output_type: z.literal("error"),
  ename: z.string(),
  evalue: z.string(),
  traceback: z.array(z.string()),
});
export const knownOutput = z.discriminatedUnion("output_type", [
  streamOutput,
  displayDataOutput,
  executeResultOutput,
  errorOutput,
]);

const KNOWN_OUTPUT_TYPES = ["stream", "display_data", "execute_result", "error"];
/** An output from a future minor revision: kept verbatim on import. */
export const unknownOutput = z.looseObject({
  output_type: z.string().refine((t) => !KNOWN_OUTPUT_TYPES.includes(t), "is a known output type"),
});

function cellSchemas(id: z.ZodType<string | undefined>, output: z.ZodType) {
  return z.discriminatedUnion("cell_type", [
    z.strictObject({
      id,
      cell_type: z.literal("code"),
      metadata: codeCellMetadata,
      source: multilineString,
      outputs: z.array(output),
      execution_count: executionCount,
    }),
    z.strictObject({
      id,
      cell_type: z.literal("markdown"),
      metadata: cellMetadata,
      attachments: attachments.optional(),
      source: multilineString,
    }),
    z.strictObject({
      id,
      cell_type: z.literal("raw"),
      metadata: rawCellMetadata,
      attachments: attachments.optional(),
      source: multilineString,
    }),
  ]);
}

const notebookMetadata = z.looseObject({
  kernelspec: z.looseObject({ name: z.string(), display_name: z.string() }).optional(),
  language_info: z
    .looseObject({
      name: z.string(),
      codemirror_mode: z.union([z.string(), looseObject]).optional(),
      file_extension: z.string().optional(),
      mimetype: z.string().optional(),
      pygments_lexer: z.string().optional(),
    })
    .optional(),
  orig_nbformat: z.number().int().min(1).optional(),
  title: z.string().optional(),
  authors: z.array(z.unknown()).optional(),
});

/** The official nbformat 4.5 rules. */
export const strictNotebook = z.strictObject({
  metadata: notebookMetadata,
  nbformat_minor: z.number().int().min(5),
  nbformat: z.literal(4),
  cells: z.array(cellSchemas(cellIdSchema, knownOutput)),
});

/** Any nbformat 4.x a reader should accept. Unknown top-level keys are tolerated and dropped. */
export const lenientNotebook = z.looseObject({
  metadata: notebookMetadata,
  nbformat_minor: z.number().int().min(0),
  nbformat: z.literal(4),
  cells: z.array(cellSchemas(cellIdSchema.optional(), z.union([knownOutput, unknownOutput]))),
});

export type StrictNotebook = z.infer<typeof strictNotebook>;
export type LenientNotebook = z.infer<typeof lenientNotebook>;
export type NbCell = StrictNotebook["cells"][number];
export type NbOutput = z.infer<typeof knownOutput>;
export type LenientCell = LenientNotebook["cells"][number];
