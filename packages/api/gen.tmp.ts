import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./src/root";
const doc = generateOpenApiDocument(appRouter, { title: "x", version: "1", baseUrl: "/api/v1", securitySchemes: { bearer: { type: "http", scheme: "bearer" } } });
console.log(JSON.stringify(doc, null, 1).length);
console.log(JSON.stringify(doc.paths["/admin/activities"], null, 1).slice(0, 3000));
console.log(JSON.stringify(doc.paths["/system/health"], null, 1).slice(0, 3000));
console.log(Object.keys(doc.components?.schemas ?? {}));
