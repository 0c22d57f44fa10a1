declare module 'virtual:skeldir-pgdata' {
  /** URL of the prebuilt PGlite data directory (gzip tar), or null in dev. */
  const url: string | null;
  export default url;
}
