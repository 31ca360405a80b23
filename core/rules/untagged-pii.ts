import { eventText, defineRule, type FlowData } from './define.js';

export default defineRule({
  id: 'piiguard/untagged-pii',
  severity: 'warning',
  description: 'Heuristic: an untagged, personal-looking value reaches a sink.',
  scope: 'flow',
  editor: 'no-untagged-pii',
  build: 'ignore',
  message: (d: FlowData & { name: string }) =>
    `"${d.name}" looks like ${d.category} and reaches ${d.sink}${eventText(d.event)} untagged; tag it (a piiguard type or @pii ${d.category}) or stop sending it`,
  docs: {
    meaning:
      'Heuristic: a value whose property or variable name looks personal (email, phone, firstName, address, ip, lat/lng, password, token …) reaches a sink, but nothing tags it as personal data. It lets adoption start with no tags: each warning is a value to tag (then the policy judges it) or a name that only looks personal.',
    example: `export function loggedIn(ip: string) {
  logger.info({ ip }, 'login'); // reported: "ip" looks like ip-address and reaches logger untagged
}`,
    fix: 'Tag the value where it is declared: a piiguard type (ip: IpAddress), a JSDoc tag (/** @pii ip-address */), or a config source for types you cannot edit. Or stop sending it. Set "heuristics": "off" in the config once the code base is tagged.',
    approve:
      'An untagged value is not judged by allow entries: tag it, then approve the tagged flow. While the code base is being tagged, record the current warnings in a baseline (piiguard check --update-baseline) so only new ones are reported.',
  },
});
