// The bundler plugins are the subject of their own issue ("Runtime, transformer and bundler plugins").
// Until they land, importing one fails loudly rather than bundling without the rewrite.
throw new Error('piiguard/webpack is not built yet: builds cannot rewrite telemetry calls with piiguard yet.');

export {};
