import { readRunningEngine } from '../this-engine/read-engine.ts';

// Run by the harness on an engine it is about to use (see resolve-engine.ts): prints which engine runs it and its
// release, as the engine itself says, and for Node.js the ABI a native addon must be built for.
process.stdout.write(JSON.stringify(readRunningEngine()));
