import { z } from "zod";
import { ZGuardSchema } from "./guards";

export const FIELD_TYPES = ["string", "number", "boolean", "date", "enum"] as const;
export const STATE_KINDS = ["initial", "active", "final"] as const;
export const PROJECT_ROLES = ["owner", "editor", "viewer"] as const;

export type FieldType = (typeof FIELD_TYPES)[number];
export type StateKind = (typeof STATE_KINDS)[number];
export type ProjectRole = (typeof PROJECT_ROLES)[number];

// Keys end up in URLs, audit logs and guard expressions, so they are kept to
// a form that needs no escaping anywhere and never changes meaning by case.
export const ZKeySchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, "must be a lowercase slug (a-z, 0-9, _), starting with a letter")
  // Data field keys become object keys in API responses, where these two cannot be carried.
  .refine((key) => key !== "constructor" && key !== "prototype", "is a reserved word");

const ZLabelSchema = z.string().trim().min(1).max(200);

export const ZDataFieldSchema = z
  .strictObject({
    key: ZKeySchema,
    label: ZLabelSchema,
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    options: z.array(z.string().min(1)).optional(),
  })
  .superRefine((field, ctx) => {
    // Options only mean something for enums; elsewhere they would be silently
    // ignored and mislead the template author.
    if (field.type !== "enum") {
      if (field.options !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: "only enum fields have options",
        });
      }
      return;
    }
    if (field.options === undefined || field.options.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "an enum field needs at least one option",
      });
      return;
    }
    const seen = new Set<string>();
    field.options.forEach((option, index) => {
      if (seen.has(option)) {
        ctx.addIssue({
          code: "custom",
          path: ["options", index],
          message: `duplicate option "${option}"`,
        });
      }
      seen.add(option);
    });
  });

export const ZStateTimeoutSchema = z.strictObject({
  afterHours: z.number().positive(),
  transition: ZKeySchema,
});

export const ZStateSchema = z.strictObject({
  key: ZKeySchema,
  name: ZLabelSchema,
  kind: z.enum(STATE_KINDS),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour")
    .optional(),
  timeout: ZStateTimeoutSchema.optional(),
});

export const ZAllowedActorsSchema = z.strictObject({
  permissions: z.array(z.string().min(1)).optional(),
  projectRoles: z.array(z.enum(PROJECT_ROLES)).optional(),
});

export const ZTransitionSchema = z.strictObject({
  key: ZKeySchema,
  name: ZLabelSchema,
  from: z.array(ZKeySchema).min(1),
  to: ZKeySchema,
  allowed: ZAllowedActorsSchema,
  guard: ZGuardSchema.optional(),
  requiresComment: z.boolean(),
});

/**
 * Shape of a workflow template. Only structure is checked here; rules that
 * span several parts (reachability, references between keys) live in
 * validateDefinition so that every problem can be reported at once.
 */
export const ZWorkflowDefinitionSchema = z.strictObject({
  dataFields: z.array(ZDataFieldSchema),
  states: z.array(ZStateSchema),
  transitions: z.array(ZTransitionSchema),
});

export type DataField = z.infer<typeof ZDataFieldSchema>;
export type StateTimeout = z.infer<typeof ZStateTimeoutSchema>;
export type State = z.infer<typeof ZStateSchema>;
export type AllowedActors = z.infer<typeof ZAllowedActorsSchema>;
export type Transition = z.infer<typeof ZTransitionSchema>;
export type WorkflowDefinition = z.infer<typeof ZWorkflowDefinitionSchema>;
