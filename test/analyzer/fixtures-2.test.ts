// Share 2 of the analyzer fixtures (test/analyzer/fixtures.ts): the fixtures split so both cores run them.
import { describeFixtures } from './fixtures.js';

describeFixtures(2);
