import { formatInstant } from '../domain/time.js';
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

/**
 * Refuses a time after now for something that happened (an interaction, value exchanged): it
 * would count for nothing until then, and a mistyped year could not be seen to be put right.
 */
export function happened(at: number | undefined, now: number, what: string): void {
  if (at !== undefined && at > now)
    throw invalid(
      `${formatInstant(at)} is after now (${formatInstant(now)}): ${what} is something that happened; a plan is a next step (rapport next)`,
    );
}
