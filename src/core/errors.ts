/** Where in an input something is: 1-based line and column, as editors and people count. */
export interface SourceLocation {
  /** File name or label, e.g. `schema/canonical_schema.yaml`, `dump: staging.sql`. */
  source: string;
  line?: number;
  column?: number;
}

/**
 * Input that cannot be used at all (empty, binary, not SQL, unreadable, invalid YAML).
 * The CLI maps it to exit code 3 with a one-line reason; the app shows it at its location.
 */
export class InputError extends Error {
  readonly location: SourceLocation;
  constructor(message: string, location: SourceLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
    this.location = location;
  }
  /** `file:line:column: message`, the one line a CLI prints. */
  override toString(): string {
    const { source, line, column } = this.location;
    const where = [source, line, line !== undefined ? column : undefined].filter((x) => x !== undefined).join(':');
    return `${where}: ${this.message}`;
  }
}
