import { describe, expect, it } from "vitest";

import {
  escapeHtml,
  invitationEmail,
  passwordResetEmail,
  welcomeEmail,
  workflowNotificationEmail,
} from "../src";

const hostile = `<script>alert("x")</script> & 'quotes'`;

describe("templates", () => {
  it("escape every user-provided value in HTML and keep it verbatim in text", () => {
    const rendered = [
      welcomeEmail({ name: hostile, signInUrl: "https://app.example.com/login" }),
      invitationEmail({
        name: hostile,
        invitedByName: hostile,
        email: "a@example.com",
        signInUrl: "https://app.example.com/login",
        choosePasswordUrl: "https://app.example.com/reset-password?token=abc",
        expiresInDays: 7,
      }),
      passwordResetEmail({
        name: hostile,
        resetUrl: "https://app.example.com/reset-password?token=abc",
        expiresInMinutes: 30,
      }),
      workflowNotificationEmail({
        name: hostile,
        headline: hostile,
        body: hostile,
        url: "https://app.example.com/projects/1",
      }),
    ];
    for (const mail of rendered) {
      expect(mail.html).not.toContain("<script>");
      expect(mail.html).toContain(escapeHtml(hostile));
      expect(mail.text).toContain(hostile);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
  });

  it("keep line breaks out of the subject", () => {
    const mail = workflowNotificationEmail({
      name: "Ann",
      headline: "Approved\r\nBcc: victim@example.com",
      body: "b",
      url: "https://app.example.com/x",
    });
    expect(mail.subject).toBe("Approved Bcc: victim@example.com");
  });

  it("put the reset link in both bodies, with how long it works", () => {
    const url = "https://app.example.com/reset-password?token=s3cr3t_T0ken-value";
    const mail = passwordResetEmail({ name: "Ann", resetUrl: url, expiresInMinutes: 30 });
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${escapeHtml(url)}"`);
    expect(mail.text).toContain("30 minutes");
    expect(mail.subject).toBe("Reset your FastNext password");
  });

  it("refuse a link that is not http(s)", () => {
    expect(() =>
      workflowNotificationEmail({
        name: "Ann",
        headline: "h",
        body: "b",
        url: "javascript:alert(1)",
      }),
    ).toThrow(/javascript:/);
  });
});
