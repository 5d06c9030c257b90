import { TenantNotFoundError } from "../errors.ts";
import type { Sql } from "../store.ts";

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  settings: Record<string, unknown>;
  created_at: Date;
}

/** Creates a tenant; returns the existing one when the slug is taken (idempotent). */
export async function ensureTenant(sql: Sql, input: { slug: string; name: string }): Promise<Tenant> {
  const [row] = await sql<Tenant[]>`
    INSERT INTO tenants (slug, name) VALUES (${input.slug}, ${input.name})
    ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
    RETURNING id, slug, name, settings, created_at`;
  return row!;
}

export async function findTenant(sql: Sql, slugOrId: string): Promise<Tenant | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(slugOrId);
  const [row] = isUuid
    ? await sql<Tenant[]>`SELECT id, slug, name, settings, created_at FROM tenants WHERE id = ${slugOrId}`
    : await sql<Tenant[]>`SELECT id, slug, name, settings, created_at FROM tenants WHERE slug = ${slugOrId}`;
  return row;
}

export async function getTenant(sql: Sql, slugOrId: string): Promise<Tenant> {
  const tenant = await findTenant(sql, slugOrId);
  if (!tenant) throw new TenantNotFoundError(slugOrId);
  return tenant;
}

export async function listTenants(sql: Sql): Promise<Tenant[]> {
  return sql<Tenant[]>`SELECT id, slug, name, settings, created_at FROM tenants ORDER BY slug`;
}

/** Replaces a tenant's settings (policies per agent); the caller validates them first. */
export async function setTenantSettings(sql: Sql, tenantId: string, settings: Record<string, unknown>) {
  await sql`UPDATE tenants SET settings = ${sql.json(settings as never)} WHERE id = ${tenantId}`;
}
