"use client";

const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Infinity],
];

function fromNow(date: Date, now: number): string {
  let value = (date.getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return absolute.format(date);
}

/**
 * A date as people read it ("3 minutes ago"), exact on hover. Rendered on
 * the server and again in the browser, whose clock and time zone differ:
 * the text may change on hydration, which is expected here.
 */
export function Time({ date, mode = "relative" }: { date: Date; mode?: "relative" | "absolute" }) {
  const text = mode === "relative" ? fromNow(date, Date.now()) : absolute.format(date);
  return (
    <time dateTime={date.toISOString()} title={absolute.format(date)} suppressHydrationWarning>
      {text}
    </time>
  );
}
