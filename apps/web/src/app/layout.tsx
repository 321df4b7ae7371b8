import { type Metadata } from "next";
import { type ReactNode } from "react";

import "./globals.css";

export const metadata: Metadata = {
  title: "FastNext",
  description: "Business applications on a typed, secure backend.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
