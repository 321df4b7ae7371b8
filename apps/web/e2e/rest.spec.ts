import { admin, expect, requireChromium, test } from "./support/fixtures";

requireChromium();

/**
 * The web app's REST surface (the same router as /api/trpc, under /api/v1):
 * the document, the reference page under its own policy, and one call with
 * and without a Bearer token, against the production build.
 */
test.describe("the REST surface of the web app", () => {
  test("serves the OpenAPI document and answers with the same auth and errors as tRPC", async ({
    request,
  }) => {
    const documentAnswer = await request.get("/api/openapi.json");
    expect(documentAnswer.status()).toBe(200);
    const document = (await documentAnswer.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths)).toContain("/projects");

    const anonymous = await request.get("/api/v1/projects");
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["content-type"]).toBe("application/problem+json");
    expect(await anonymous.json()).toMatchObject({ status: 401, code: "UNAUTHORIZED" });

    const login = await request.post("/api/v1/auth/login", {
      data: { email: admin.email, password: admin.password },
    });
    expect(login.status()).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };

    const projects = await request.get("/api/v1/projects", { headers });
    expect(projects.status()).toBe(200);
    expect(Array.isArray(((await projects.json()) as { items: unknown }).items)).toBe(true);

    const refused = await request.post("/api/v1/projects", { headers, data: { name: "" } });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
      fieldErrors: { name: expect.any(Array) },
    });
  });

  test("renders the interactive reference under its Content-Security-Policy", async ({ page }) => {
    await page.goto("/api/docs");
    await expect(page.getByText("/projects/{id}").first()).toBeVisible();
  });
});
