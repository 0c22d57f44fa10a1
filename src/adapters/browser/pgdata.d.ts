declare module 'virtual:skeldir-pgdata' {
  /** URL of the prebuilt PGlite data directory (gzip tar), or null in dev. */
  const url: string | null;
  export default url;
}

declare module 'virtual:skeldir-canonical' {
  import type { PrebuiltCanonical } from './prebuilt-canonical';
  /** The bundled canonical schema prepared at build time, or null in dev (build/pgdata-plugin.ts). */
  const prebuilt: PrebuiltCanonical | null;
  export default prebuilt;
}

declare module 'virtual:skeldir-sample' {
  import type { PrebuiltSampleMeta } from './build/prepare-sample';
  /** The default sample dump loaded at build time (build/prepare-sample.ts), or null in dev. */
  const prebuilt: { url: string; meta: PrebuiltSampleMeta } | null;
  export default prebuilt;
}
