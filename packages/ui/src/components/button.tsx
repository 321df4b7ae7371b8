import { cva, type VariantProps } from "class-variance-authority";
// The Slot package alone, not the radix-ui barrel: Button also renders in
// Server Components, where the barrel's other primitives cannot load.
import { Slot } from "@radix-ui/react-slot";
import { type ButtonHTMLAttributes, type ReactNode } from "react";

import { cn } from "../lib/cn";

export const buttonVariants = cva(
  [
    "inline-flex min-h-9 items-center justify-center gap-2 rounded-md border border-transparent px-4",
    "text-sm leading-none font-[550] whitespace-nowrap no-underline cursor-pointer",
    "transition-[background-color,border-color,color] duration-[120ms] ease-[ease]",
    "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60",
  ],
  {
    variants: {
      variant: {
        primary:
          "bg-accent text-on-accent hover:not-disabled:bg-accent-hover hover:not-disabled:text-on-accent",
        secondary:
          "border-border-strong bg-surface text-text hover:not-disabled:bg-surface-hover hover:not-disabled:text-text",
        ghost:
          "bg-transparent text-text hover:not-disabled:bg-surface-hover hover:not-disabled:text-text",
        danger:
          "bg-danger text-on-danger hover:not-disabled:bg-danger-hover hover:not-disabled:text-on-danger",
      },
      size: {
        md: "",
        sm: "min-h-[1.875rem] px-3 text-xs",
      },
      block: { true: "w-full" },
      icon: { true: "w-9 px-0" },
    },
    defaultVariants: { variant: "secondary", size: "md" },
  },
);

export type ButtonStyle = VariantProps<typeof buttonVariants>;
export type ButtonVariant = NonNullable<ButtonStyle["variant"]>;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, ButtonStyle {
  /** Shows a spinner and disables the button while an action runs. */
  loading?: boolean;
  /** Styles the single child (a link, say) as the button instead of rendering a <button>. */
  asChild?: boolean;
  children: ReactNode;
}

/** A spinning ring the size of the text around it. */
export function Spinner({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-block size-[1em] flex-none animate-spinner rounded-full border-2 border-current border-r-transparent",
        className,
      )}
    />
  );
}

export function Button({
  variant,
  size,
  block,
  icon,
  loading = false,
  asChild = false,
  disabled,
  type = "button",
  className,
  children,
  ...rest
}: ButtonProps) {
  const classes = cn(buttonVariants({ variant, size, block, icon }), className);
  if (asChild) {
    return (
      <Slot {...rest} data-slot="button" className={classes}>
        {children}
      </Slot>
    );
  }
  return (
    <button
      {...rest}
      type={type}
      data-slot="button"
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
    >
      {loading ? <Spinner /> : null}
      {children}
    </button>
  );
}
