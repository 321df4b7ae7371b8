import type { FileEdit, GeneratedFile, ResourceSpec } from "../resource/spec";

const WEB = "apps/web";

/**
 * Where the resource's pages live: under its project when rows belong to a
 * project (as workflow instances do), else at the top level.
 */
function routeDir(spec: ResourceSpec): string {
  return spec.scope === "project"
    ? `${WEB}/src/app/(app)/projects/[projectId]/${spec.kebabPlural}`
    : `${WEB}/src/app/(app)/${spec.kebabPlural}`;
}

/** The web pages of a generated resource: list, detail, dialogs, and a browser test. */
export function webFiles(spec: ResourceSpec): GeneratedFile[] {
  const route = routeDir(spec);
  const components = `${WEB}/src/components/${spec.kebabPlural}`;
  return [
    { path: `${route}/page.tsx`, template: "web/list-page.tsx.hbs" },
    { path: `${route}/[${spec.camel}Id]/page.tsx`, template: "web/detail-page.tsx.hbs" },
    { path: `${components}/${spec.kebab}-list-input.ts`, template: "web/list-input.ts.hbs" },
    { path: `${components}/${spec.kebab}-list.tsx`, template: "web/list.tsx.hbs" },
    { path: `${components}/${spec.kebab}-detail.tsx`, template: "web/detail.tsx.hbs" },
    { path: `${components}/${spec.kebab}-dialogs.tsx`, template: "web/dialogs.tsx.hbs" },
    { path: `${WEB}/e2e/${spec.kebabPlural}.spec.ts`, template: "web/e2e.spec.ts.hbs" },
  ];
}

/**
 * The navigation entry: a tab of the project for a project's rows, an item
 * of the side navigation's Workspace group otherwise.
 */
export function webEdits(spec: ResourceSpec): FileEdit[] {
  if (spec.scope === "project") {
    return [
      {
        path: `${WEB}/src/components/projects/project-header.tsx`,
        pattern: '    ...(mayAct(data.myRole, "owner", viewer.permissions)',
        template: "web/project-tab.ts.hbs",
      },
    ];
  }
  return [
    {
      path: `${WEB}/src/components/shell/nav-items.ts`,
      pattern: '    ],\n  },\n  {\n    label: "Administration",',
      template: "web/nav-item.ts.hbs",
    },
  ];
}
