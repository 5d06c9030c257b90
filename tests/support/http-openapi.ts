/**
 * Structural checks of an OpenAPI 3.1 document, from the specification's rules: the version
 * field, info, every operation's responses, path templates matched by required path
 * parameters, resolvable `$ref`s, security schemes that exist, and unique operation ids.
 * Returns the problems found (empty when the document is valid by these rules).
 */
export function openApi31Problems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const info = doc.info as { title?: unknown; version?: unknown } | undefined;
  if (typeof doc.openapi !== "string" || !/^3\.1\.\d+$/.test(doc.openapi))
    problems.push(`openapi: ${String(doc.openapi)}`);
  if (typeof info?.title !== "string" || typeof info?.version !== "string")
    problems.push("info.title/version missing");
  const components = (doc.components ?? {}) as Record<string, Record<string, unknown>>;
  const schemes = Object.keys(components.securitySchemes ?? {});
  const checkSecurity = (where: string, security: unknown) => {
    for (const req of (security as Record<string, unknown>[] | undefined) ?? []) {
      for (const name of Object.keys(req))
        if (!schemes.includes(name)) problems.push(`${where}: unknown security scheme ${name}`);
    }
  };
  checkSecurity("root", doc.security);
  const ids = new Set<string>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    if (!path.startsWith("/")) problems.push(`path ${path} does not start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(method)) continue;
      const o = op as {
        responses?: Record<string, unknown>;
        parameters?: { name: string; in: string; required?: boolean }[];
        operationId?: string;
        security?: unknown;
      };
      const where = `${method.toUpperCase()} ${path}`;
      if (!o.responses || Object.keys(o.responses).length === 0) problems.push(`${where}: no responses`);
      for (const [code, r] of Object.entries(o.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where}: response code ${code}`);
        if (typeof (r as { description?: unknown }).description !== "string")
          problems.push(`${where} ${code}: no description`);
      }
      const declared = (o.parameters ?? []).filter((p) => p.in === "path");
      for (const name of templated) {
        const p = declared.find((d) => d.name === name);
        if (!p) problems.push(`${where}: path parameter {${name}} not declared`);
        else if (p.required !== true) problems.push(`${where}: path parameter {${name}} not required`);
      }
      for (const p of declared)
        if (!templated.includes(p.name)) problems.push(`${where}: parameter ${p.name} not in the path`);
      if (o.operationId) {
        if (ids.has(o.operationId)) problems.push(`${where}: duplicate operationId ${o.operationId}`);
        ids.add(o.operationId);
      }
      checkSecurity(where, o.security);
    }
  }
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
  for (const ref of refs) {
    const target = ref.startsWith("#/")
      ? ref
          .slice(2)
          .split("/")
          .reduce<unknown>(
            (node, key) => (node as Record<string, unknown> | undefined)?.[decodeURIComponent(key)],
            doc,
          )
      : undefined;
    if (target === undefined) problems.push(`unresolved $ref ${ref}`);
  }
  return problems;
}
