// Half 2 of the ESLint parity suite (test/rules/parity.ts): the fixtures split so both cores run it.
import { describeParity } from './parity.js';

describeParity(2);
