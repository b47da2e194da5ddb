// What the server's features throw when a request cannot be served as asked. They say nothing of
// HTTP: server/http/errors.ts turns each into its status and JSON body.

/** The input is wrong: `field` names where (`body`, `ids`, `params.name`, ...). Answers 400. */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** BAD_REQUEST, or a more precise code (QUERY_REJECTED). */
    readonly code: string = 'BAD_REQUEST',
    /** Why, as a code the client shows (a refused query's reason), when there is one. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** The thing named by `field` does not exist. Answers 404. */
export class NotFoundError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** It exists, but this change to it is not allowed (a built-in query). Answers 403. */
export class ForbiddenError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** This server cannot do it at all (PNG without its renderer). Answers 501. */
export class NotAvailableError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
