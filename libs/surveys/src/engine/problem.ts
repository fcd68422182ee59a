/**
 * One thing wrong with a template or a set of answers.
 *
 * `path` points at the offending value (`sections[0].questions[2].options`, `answers.q3`) so a
 * form can put the message next to the field; `reason` is English for logs and API clients, and
 * the web layer maps paths to Korean messages itself.
 */
export interface Problem {
  path: string;
  reason: string;
}
