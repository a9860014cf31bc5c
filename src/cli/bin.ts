#!/usr/bin/env node
import { main } from './main.ts';

// The executable: everything testable lives in main().
process.exitCode = await main(process.argv.slice(2));
