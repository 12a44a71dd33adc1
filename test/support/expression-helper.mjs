// Child-process helper for test/support/job-conditions.ts: evaluates GitHub Actions `if:`
// expressions with GitHub's own evaluator (`@actions/expressions`, ESM-only).
//
// Protocol (stdin -> stdout, JSON):
//   in:  { "conditions": [{ "expression": "<if: text>", "needs": { "<job>": { "result", "outputs" } } }] }
//   out: { "results": [true | false, ...] }
//
// Job status functions follow GitHub's rules for job-level `if:`: success() is true when every
// needed job succeeded, failure() when one failed, cancelled() is false (no run is cancelled
// here) and always() is true; an `if:` without a status function is `success() && (<if>)`.

import { readFileSync } from 'node:fs';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

const request = JSON.parse(readFileSync(0, 'utf8'));

function toData(value) {
  if (typeof value === 'string') {
    return new data.StringData(value);
  }
  if (typeof value === 'boolean') {
    return new data.BooleanData(value);
  }
  const dict = new data.Dictionary();
  for (const [key, v] of Object.entries(value)) {
    dict.add(key, toData(v));
  }
  return dict;
}

const STATUS = /\b(?:success|failure|cancelled|always)\s*\(/;

const results = request.conditions.map(({ expression, needs }) => {
  let text = expression.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
  if (wrapped) {
    text = wrapped[1].trim();
  }
  if (!STATUS.test(text)) {
    text = `success() && (${text})`;
  }
  const results = Object.values(needs).map((n) => n.result);
  const fn = (name, value) => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) });
  const functions = [
    fn('success', results.every((r) => r === 'success')),
    fn('failure', results.some((r) => r === 'failure')),
    fn('cancelled', false),
    fn('always', true),
  ];
  const lexed = new Lexer(text).lex();
  const expr = new Parser(lexed.tokens, ['needs'], functions).parse();
  const context = new data.Dictionary();
  context.add('needs', toData(needs));
  const evaluator = new Evaluator(expr, context, new Map(functions.map((f) => [f.name, f])));
  return truthy(evaluator.evaluate());
});

process.stdout.write(JSON.stringify({ results }));
