import Link from "next/link";
import { type ButtonHTMLAttributes, type ComponentProps, type ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";

interface StyleProps {
  variant?: ButtonVariant;
  size?: "md" | "sm";
  block?: boolean;
  icon?: boolean;
}

export function buttonClass({
  variant = "secondary",
  size = "md",
  block,
  icon,
}: StyleProps): string {
  return [
    "btn",
    `btn-${variant}`,
    size === "sm" && "btn-sm",
    block && "btn-block",
    icon && "btn-icon",
  ]
    .filter(Boolean)
    .join(" ");
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, StyleProps {
  /** Shows a spinner and disables the button while an action runs. */
  loading?: boolean;
  children: ReactNode;
}

export function Button({
  variant,
  size,
  block,
  icon,
  loading = false,
  disabled,
  type = "button",
  className,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={[buttonClass({ variant, size, block, icon }), className].filter(Boolean).join(" ")}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
    >
      {loading ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

type LinkButtonProps = ComponentProps<typeof Link> & StyleProps;

export function LinkButton({ variant, size, block, icon, className, ...rest }: LinkButtonProps) {
  return (
    <Link
      {...rest}
      className={[buttonClass({ variant, size, block, icon }), className].filter(Boolean).join(" ")}
    />
  );
}
