#!/usr/bin/env node
// The `alimock` bin: everything lives in program.ts (kept importable for tests and tools).
import { main } from './program.js';

await main(process.argv.slice(2));
