/**
 * The range of PostgreSQL's `integer` (int4), which every whole-number column of ours uses
 * (versions, sort orders, percentages, counts). Every integer a request may carry is bounded to it
 * or tighter, so a value like 2^31 is a 400 naming the field instead of a database error
 * (dto-contract.spec.ts checks every DTO).
 */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;
