#!/usr/bin/env node
// The `alimock` bin: everything lives in program.ts (kept importable for tests and tools).
// First, before the modules whose loading sets off a full GC: see keep-tick-shape.ts.
import './keep-tick-shape.js';
import { main } from './program.js';

await main(process.argv.slice(2));
