/** Where `piiguard check --cache` keeps its files unless `--cache-location` says otherwise (as ESLint and Babel keep theirs). */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/piiguard';
