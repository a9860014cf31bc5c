// `npm run docs`: writes docs/claims.md from the rule table, so the page states exactly the rules the engine runs.
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../src/report/rules-doc.ts';
import { RULES } from '../src/verdicts/rules.ts';

const target = new URL('../docs/claims.md', import.meta.url);
writeFileSync(target, renderRulesDoc(RULES));
process.stdout.write(`${target.pathname}\n`);
