import { type HTMLAttributes, type TdHTMLAttributes, type ThHTMLAttributes } from "react";

import { cn } from "../lib/cn";

/**
 * Table parts with the app's table look. `TableScroll` lets a wide table
 * scroll inside its own box (the page itself never scrolls sideways).
 */
export function TableScroll({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  // Positioned, so that visually hidden (absolute) text in a cell scrolls with the table
  // instead of widening the page.
  return (
    <div {...rest} data-slot="table-scroll" className={cn("relative overflow-x-auto", className)} />
  );
}

export function Table({ className, ...rest }: HTMLAttributes<HTMLTableElement>) {
  return (
    <table
      {...rest}
      data-slot="table"
      className={cn("w-full border-collapse text-sm", className)}
    />
  );
}

export function TableHeader(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead {...props} />;
}

export function TableBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody {...props} />;
}

export function TableRow({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr
      {...rest}
      className={cn("[&:last-child>td]:border-b-0 data-[state=selected]:bg-accent-soft", className)}
    />
  );
}

const cellClass = "border-b border-border px-4 py-3 text-left align-middle";

export function TableHead({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      {...rest}
      className={cn(
        cellClass,
        "bg-surface-2 text-xs font-semibold tracking-[0.04em] text-text-muted uppercase",
        className,
      )}
    />
  );
}

export function TableCell({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...rest} className={cn(cellClass, className)} />;
}
