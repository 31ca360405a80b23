// A recording stand-in for posthog-js: the built app imports it instead of the SDK, and the
// calls it received are printed as JSON when the process exits.
const calls = [];
process.on('exit', () => {
  process.stdout.write(JSON.stringify(calls));
});
const record =
  (method) =>
  (...args) => {
    calls.push([method, ...JSON.parse(JSON.stringify(args))]);
  };
const posthog = {
  capture: record('capture'),
  identify: record('identify'),
  alias: record('alias'),
  group: record('group'),
  register: record('register'),
  setPersonProperties: record('setPersonProperties'),
};
export default posthog;
