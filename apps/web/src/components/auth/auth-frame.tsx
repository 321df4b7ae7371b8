import { type ReactNode } from "react";

import { Brand } from "../shell/brand";

/** The centred card of the public pages (sign-in, registration, password reset). */
export function AuthFrame({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <Brand />
        <div className="card">
          <div className="card-body">
            <div className="stack-sm" style={{ gap: "var(--space-1)" }}>
              <h1>{title}</h1>
              {subtitle ? <p className="muted small">{subtitle}</p> : null}
            </div>
            {children}
          </div>
        </div>
        {footer ? <p className="auth-footer">{footer}</p> : null}
      </div>
    </main>
  );
}
