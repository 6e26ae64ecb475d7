export type DialectName = 'sqlite' | 'postgres';

/** Column types that differ between the two engines. */
export function columnTypes(dialect: DialectName) {
  return {
    /** auto-numbered primary key */
    id: dialect === 'postgres' ? ('bigint' as const) : ('integer' as const),
    int64: dialect === 'postgres' ? ('bigint' as const) : ('integer' as const),
    real: dialect === 'postgres' ? ('double precision' as const) : ('real' as const),
  };
}
