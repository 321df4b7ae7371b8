import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  failure,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";
import { DEFAULT_SYSTEM_SETTINGS } from "@fastnext/validators";

let api: TestApi;
let admin: Awaited<ReturnType<typeof signInAdmin>>;

beforeAll(async () => {
  api = await startApi();
  admin = await signInAdmin(api);
});
afterAll(async () => {
  await api.close();
});
beforeEach(async () => {
  await admin.client.admin.system.settings.update.mutate({
    passwordPolicy: DEFAULT_SYSTEM_SETTINGS.passwordPolicy,
  });
});

async function passwordHash(userId: string): Promise<string | undefined> {
  const { rows } = await api.sql.query<{ password_hash: string }>(
    "SELECT password_hash FROM users WHERE id = $1",
    [userId],
  );
  return rows[0]?.password_hash;
}

describe("the password policy", () => {
  it("refuses a registration naming EVERY unmet rule, and creates nothing", async () => {
    await admin.client.admin.system.settings.update.mutate({
      passwordPolicy: {
        minLength: 12,
        requireUppercase: true,
        requireDigit: true,
        requireSymbol: true,
      },
    });
    const { rows: before } = await api.sql.query("SELECT count(*)::int AS n FROM users");
    const error = await failure(
      api
        .client()
        .auth.register.mutate({ email: "weak@example.com", name: "Weak", password: "lowercase" }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "password_policy",
      details: { rules: ["minLength", "uppercase", "digit", "symbol"] },
    });
    expect(error.data?.fieldErrors?.password).toEqual([
      "At least 12 characters",
      "At least one upper-case letter",
      "At least one digit",
      "At least one symbol (not a letter, digit or space)",
    ]);
    const { rows: after } = await api.sql.query("SELECT count(*)::int AS n FROM users");
    expect(after).toEqual(before);

    const ok = await api.client().auth.register.mutate({
      email: "strong@example.com",
      name: "Strong",
      password: "Correct-Horse-9",
    });
    expect(ok.user.email).toBe("strong@example.com");
  });

  it("applies to changePassword too, and a refused change keeps the old password", async () => {
    const ada = await signUp(api);
    await admin.client.admin.system.settings.update.mutate({
      passwordPolicy: { requireDigit: true },
    });
    const hash = await passwordHash(ada.id);
    const error = await failure(
      ada.client.auth.changePassword.mutate({
        currentPassword: ada.password,
        newPassword: "no digits here",
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "password_policy",
      fieldErrors: { password: ["At least one digit"] },
    });
    expect(await passwordHash(ada.id)).toBe(hash);
  });

  it("refuses any of the last N passwords (the current one included); older ones are allowed again", async () => {
    const ada = await signUp(api);
    await admin.client.admin.system.settings.update.mutate({ passwordPolicy: { historyCount: 3 } });
    const change = (from: string, to: string) =>
      ada.client.auth.changePassword.mutate({ currentPassword: from, newPassword: to });
    await change(ada.password, "second password");
    await change("second password", "third password");

    for (const reused of ["third password", "second password", ada.password]) {
      const error = await failure(change("third password", reused));
      expect(error.data, reused).toMatchObject({
        code: "BAD_REQUEST",
        reason: "password_policy",
        fieldErrors: { password: ["Must differ from your last 3 passwords"] },
        details: { rules: ["reused"] },
      });
    }
    const { rows } = await api.sql.query(
      "SELECT count(*)::int AS n FROM password_history WHERE user_id = $1",
      [ada.id],
    );
    expect(rows).toEqual([{ n: 3 }]);

    await admin.client.admin.system.settings.update.mutate({ passwordPolicy: { historyCount: 2 } });
    await change("third password", ada.password);
    signedIn(await api.client().auth.login.mutate({ email: ada.email, password: ada.password }));
  });

  it("with the check off, the current password may be set again", async () => {
    const ada = await signUp(api);
    await admin.client.admin.system.settings.update.mutate({ passwordPolicy: { historyCount: 0 } });
    await ada.client.auth.changePassword.mutate({
      currentPassword: ada.password,
      newPassword: ada.password,
    });
  });

  it("checks the seeded admin's current password although it has no history", async () => {
    const error = await failure(
      admin.client.auth.changePassword.mutate({
        currentPassword: "admin-password-for-tests",
        newPassword: "admin-password-for-tests",
      }),
    );
    expect(error.data?.reason).toBe("password_policy");
  });

  it("past the maximum age, sign-in still works and says passwordExpired", async () => {
    const ada = await signUp(api);
    await admin.client.admin.system.settings.update.mutate({ passwordPolicy: { maxAgeDays: 30 } });
    expect(
      signedIn(await api.client().auth.login.mutate({ email: ada.email, password: ada.password }))
        .passwordExpired,
    ).toBe(false);
    await api.sql.query(
      "UPDATE users SET password_changed_at = now() - interval '31 days' WHERE id = $1",
      [ada.id],
    );
    const expired = signedIn(
      await api.client().auth.login.mutate({ email: ada.email, password: ada.password }),
    );
    expect(expired.passwordExpired).toBe(true);
    expect((await api.client(expired.accessToken).users.me.query()).user.id).toBe(ada.id);

    await api.client(expired.accessToken).auth.changePassword.mutate({
      currentPassword: ada.password,
      newPassword: "a fresh password",
    });
    const fresh = signedIn(
      await api.client().auth.login.mutate({ email: ada.email, password: "a fresh password" }),
    );
    expect(fresh.passwordExpired).toBe(false);
  });

  it("records a password change without any password in the trail", async () => {
    const ada = await signUp(api);
    await ada.client.auth.changePassword.mutate({
      currentPassword: ada.password,
      newPassword: "brand new secret",
    });
    const { rows } = await api.sql.query<{
      changes: { before: Record<string, unknown>; after: Record<string, unknown> };
    }>("SELECT changes FROM activities WHERE actor_id = $1 AND action = 'auth.change_password'", [
      ada.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.changes.after.password).toBe("[redacted]");
    expect(rows[0]?.changes.after.passwordChangedAt).toEqual(expect.any(String));
    expect(JSON.stringify(rows)).not.toContain("brand new secret");
    expect(JSON.stringify(rows)).not.toContain(ada.password);
  });
});
