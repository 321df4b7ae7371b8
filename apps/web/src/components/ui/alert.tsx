import { type ReactNode } from "react";

type Tone = "error" | "success" | "warning" | "info";

/** Inline message. Errors are announced at once (role=alert), the rest politely. */
export function Alert({
  tone,
  title,
  children,
}: {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}
