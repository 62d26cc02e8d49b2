/**
 * The contract's paths as types: which paths take which method, what each sends and what its success answers.
 * All read from the `paths` type generated from contract/nemesis-api.openapi.json, so a path the contract does not
 * have, or a body of the wrong shape, does not compile.
 */
import type { paths } from "../contract/index.js";

export type ContractMethod = "get" | "put" | "post" | "delete";

/** The contract's paths that declare `method`. */
export type PathsWith<M extends ContractMethod> = {
  [P in keyof paths]: [paths[P][M]] extends [undefined] ? never : P;
}[keyof paths];

type Operation<P extends keyof paths, M extends ContractMethod> = NonNullable<paths[P][M]>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204;

/** The JSON body of the operation's 2xx answers. */
export type AnswerOf<P extends keyof paths, M extends ContractMethod> =
  Operation<P, M> extends { responses: infer R }
    ? {
        [S in Extract<keyof R, SuccessStatus>]: R[S] extends { content: { "application/json": infer B } }
          ? B
          : never;
      }[Extract<keyof R, SuccessStatus>]
    : never;

/** The JSON body the operation takes. */
export type RequestOf<P extends keyof paths, M extends ContractMethod> =
  Operation<P, M> extends { requestBody: { content: { "application/json": infer B } } } ? B : never;

/** The query parameters the operation takes; `never` where it takes none. */
export type QueryOf<P extends keyof paths> =
  Operation<P, "get"> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
