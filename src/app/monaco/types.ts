/** A problem shown in an editor at its line (1-based, as Monaco counts). */
export interface EditorMarker { line: number; column: number; message: string; severity: 'error' | 'warning' | 'info' }
