import { templateName, withAdminClient } from './databases';

/** Drops templates of old migration sets, so CI machines do not collect them. */
export default async function globalTeardown(): Promise<void> {
  // Only in CI: on a developer machine another jest run may still be cloning an older template.
  if (process.env.CI !== 'true') return;
  const current = templateName();
  await withAdminClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'it\\_tpl\\_%' AND datname <> $1", [current]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  });
}
