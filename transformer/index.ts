// The transformer is the subject of its own issue ("Runtime, transformer and bundler plugins").
// Until it lands, importing it fails loudly rather than emitting code unchanged.
throw new Error('piiguard/transformer is not built yet: builds cannot rewrite telemetry calls with piiguard yet.');

export {};
