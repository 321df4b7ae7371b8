const words = (list: string) => list.trim().split(/\s+/);

/**
 * Names a resource or a field may not take: words of TypeScript and SQL
 * that would break the generated code or need quoting everywhere, names
 * the Prisma client claims for itself, and the columns every generated
 * table gets anyway. Compared lower-cased.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // TypeScript / JavaScript
  ...words(`
    abstract any arguments as async await boolean break case catch class const constructor
    continue debugger declare default delete do else enum eval export extends false finally
    for from function get if implements import in infer instanceof interface is keyof let
    module namespace never new null number object of package private protected public
    readonly require return set static string super switch symbol this throw true try type
    typeof undefined unique unknown var void while with yield date error map promise record
    json
  `),
  // SQL (PostgreSQL reserved key words)
  ...words(`
    all analyse analyze and array asc asymmetric both cast check collate column constraint
    create current_date current_role current_time current_timestamp current_user desc
    distinct end except fetch foreign grant group having initially intersect into lateral
    leading limit localtime localtimestamp not offset on only or order placing primary
    references returning select session_user some symmetric table then to trailing union
    user using variadic when where window users role roles permission permissions session
    sessions policy
  `),
  // The Prisma client's own names
  ...words(`
    prisma prismaclient decimal bytes bigint datetime float int unsupported model
    transaction queryraw executeraw
  `),
  // The API's own routers and terms
  ...words(`
    system auth admin app api router procedure context page cursor
  `),
]);

/** Columns every generated table has: a field may not take these names. */
export const GENERATED_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "projectId",
  "project",
  "ownerId",
  "owner",
  "createdAt",
  "updatedAt",
  "createdById",
  "createdBy",
  "search",
  "limit",
  "cursor",
  "data",
  "idempotencyKey",
]);
