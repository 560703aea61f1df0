/**
 * SQL for "the role this user holds in this plan", as `planRoleOf` in access-policy.ts answers it:
 * an organisation admin is an admin in every plan; anyone else has their membership's role, or
 * `otherwise` (an SQL expression) when they hold none there.
 */
export function planRoleSql(userAlias: string, membershipAlias: string, otherwise = `${userAlias}.role::text`): string {
  return `CASE WHEN ${userAlias}.role = 'admin' THEN 'admin' ELSE coalesce(${membershipAlias}.role::text, ${otherwise}) END`;
}
