import { templateName, withAdminClient } from './databases';

/** Drops test databases left by crashed runs (older than an hour) and templates of old migration sets. */
export default async function globalTeardown(): Promise<void> {
  const current = templateName();
  await withAdminClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'it\\_tpl\\_%' AND datname <> $1", [current]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  });
}
