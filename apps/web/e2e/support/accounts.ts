/** The administrator the e2e database is seeded with. */
export const E2E_ADMIN = {
  email: "admin@example.com",
  password: "admin-password-for-e2e-tests",
  name: "Ada Admin",
};
