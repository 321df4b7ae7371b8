import { type Metadata, type Viewport } from "next";
import { cookies, headers } from "next/headers";
import { type ReactNode } from "react";

import { StyleNonce } from "@fastnext/ui";

import { parseTheme, THEME_COOKIE, themeAttribute } from "~/components/theme/theme";
import { ToastProvider } from "~/components/ui/toast";
import { TRPCReactProvider } from "~/trpc/client";

import "~/styles/app.css";
import "~/styles/components.css";
import "~/styles/shell.css";
import "~/styles/workflow.css";

export const metadata: Metadata = {
  title: { default: "FastNext", template: "%s · FastNext" },
  description: "Business applications on a typed, secure backend.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7f9" },
    { media: "(prefers-color-scheme: dark)", color: "#0e1116" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The theme is known before the first paint (no flash of the wrong one):
  // the cookie holds the last choice; "system" leaves it to the media query.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  // The request's nonce (proxy.ts), for the style element of the kit's modals.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" data-theme={themeAttribute(theme)}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <StyleNonce nonce={nonce} />
        <TRPCReactProvider>
          <ToastProvider>{children}</ToastProvider>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
