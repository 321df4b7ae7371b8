"use client";

import { useState } from "react";

import { describeGuard, ZGuardSchema, type Guard } from "@fastnext/workflow";

import { TextareaField } from "../../ui/field";

/**
 * A transition's condition on the item's data, as the engine's JSON (e.g.
 * {"op":"lte","field":"amount","value":1000}). Kept as typed text; the
 * definition changes only when the text is a valid condition (or empty).
 */
export function GuardInput({
  guard,
  onChange,
  serverError,
}: {
  guard: Guard | undefined;
  onChange: (guard: Guard | undefined) => void;
  serverError: string | undefined;
}) {
  const [text, setText] = useState(guard ? JSON.stringify(guard) : "");
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <TextareaField
      label="Condition (optional)"
      mono
      rows={2}
      value={text}
      placeholder='{"op":"lte","field":"amount","value":1000}'
      hint={
        guard && !problem
          ? `Only when ${describeGuard(guard)}`
          : "JSON; leave empty for no condition."
      }
      error={problem ?? serverError}
      onChange={(event) => {
        const value = event.target.value;
        setText(value);
        if (value.trim() === "") {
          setProblem(null);
          onChange(undefined);
          return;
        }
        let json: unknown;
        try {
          json = JSON.parse(value);
        } catch {
          setProblem("Not valid JSON yet");
          return;
        }
        const parsed = ZGuardSchema.safeParse(json);
        if (!parsed.success) {
          setProblem(parsed.error.issues[0]?.message ?? "Not a valid condition");
          return;
        }
        setProblem(null);
        onChange(parsed.data);
      }}
    />
  );
}
