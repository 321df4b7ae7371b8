import { AppError } from "../../errors";
import { type ServiceContext } from "../../context";
import { adminUserSelect, toAdminUserView, type AdminUserView } from "./view";

export async function getUser(ctx: ServiceContext, id: string): Promise<AdminUserView> {
  const row = await ctx.db.user.findUnique({ where: { id }, select: adminUserSelect });
  if (!row) throw new AppError("NOT_FOUND", "No such user");
  return toAdminUserView(row, ctx.principal);
}
