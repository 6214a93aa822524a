import type { RequestHandler } from 'express';
import { invalidRequest, mergeProblems, type FieldProblem } from './validation-exception.factory';

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/**
 * A malformed percent-escape (`%ZZ`, `%FF`) is a 400 naming where it is: the path, or the query parameter.
 * Express would answer one in the path with a bare 400, and read one in the query as U+FFFD.
 */
export const requireWellFormedUrl: RequestHandler = (req, _res, next) => {
  const [path, query = ''] = req.url.split(/\?(.*)/s);
  const problems: FieldProblem[] = [];
  if (decoded(path) === undefined) problems.push({ field: 'path', problems: ['the path is not valid percent-encoded UTF-8'] });
  for (const pair of query.split('&')) {
    const [rawName, rawValue = ''] = pair.split(/=(.*)/s);
    const name = decoded(rawName);
    if (name === undefined) {
      problems.push({ field: 'query', problems: ['a query parameter name is not valid percent-encoded UTF-8'] });
    } else if (decoded(rawValue) === undefined) {
      problems.push({ field: name, problems: [`${name} is not valid percent-encoded UTF-8`] });
    }
  }
  next(problems.length > 0 ? invalidRequest(mergeProblems(problems)) : undefined);
};
