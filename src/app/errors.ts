/** The closed list of failures a use case reports; the CLI and the HTTP API map them to exits and statuses. */
export const ERROR_CODES = [
  'invalid_input',
  'person_not_found',
  'ambiguous_person',
  'not_found',
  'file_rejected',
  'workspace_not_empty',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function invalid(message: string): AppError {
  return new AppError('invalid_input', message);
}
