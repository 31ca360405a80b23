// Registers a resolve hook that records every module resolved to ts-morph (in a file the test names).
import { register } from 'node:module';

register('./record-ts-morph-hooks.mjs', import.meta.url, { data: { file: process.env.PIIGUARD_LOAD_RECORD } });
